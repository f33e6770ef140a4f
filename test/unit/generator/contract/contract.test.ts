/**
 * The contract the runtime validates with (contract/contract.ts), built from literal documents and
 * their models: operations by method name, path-item parameters merged under the operation's,
 * styles only when not the default, bodies and responses dereferenced, examples on responses only.
 */
import { describe, expect, it } from 'vitest';
import { buildContract } from '../../../../generator/contract/contract.js';
import { buildService } from '../../../../generator/model/service.js';

type Json = Record<string, unknown>;

const contractOf = (doc: Json) => buildContract(doc, buildService(doc, 'pets'));

describe('buildContract', () => {
  const doc: Json = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/pets/{id}': {
        parameters: [
          { name: 'id', in: 'path', schema: { type: 'string' } },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          { name: 'limit', in: 'query', style: 'form', explode: true, schema: { type: 'integer' } },
        ],
        put: {
          operationId: 'update_pet',
          parameters: [
            { name: 'x-trace', in: 'header', required: true, schema: { type: 'string', nullable: true } },
            { name: 'tags', in: 'query', style: 'pipeDelimited', explode: true, schema: { type: 'array', items: { type: 'string' } } },
            { name: 'ids', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
            { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
            { $ref: '#/components/parameters/Session' },
            { name: 'ignored', in: 'body', schema: { type: 'string' } },
          ],
          requestBody: { $ref: '#/components/requestBodies/PetBody' },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' }, examples: { one: { $ref: '#/components/examples/Rex' } } } },
            },
            '4xx': { $ref: '#/components/responses/Problem' },
            default: { description: 'no body' },
          },
        },
      },
    },
    components: {
      schemas: { Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'dropped' } } } },
      parameters: { Session: { name: 'session', in: 'cookie', schema: { type: 'string' } } },
      requestBodies: { PetBody: { required: true, content: { 'application/json': { schema: { type: 'object' }, example: { name: 'not kept' } } } } },
      responses: { Problem: { description: 'bad', content: { 'application/problem+json': { schema: { type: 'object' }, example: { title: 'Bad' } } } } },
      examples: { Rex: { value: { name: 'Rex' } } },
    },
  };

  it('keys the operation by its method name and keeps its id, method and path', () => {
    const c = contractOf(doc);
    expect(c.service).toBe('pets');
    expect(Object.keys(c.operations)).toEqual(['updatePet']);
    const op = c.operations['updatePet'];
    expect([op?.operationId, op?.method, op?.path]).toEqual(['update_pet', 'PUT', '/pets/{id}']);
  });

  it('merges path-item parameters with the operation’s (header names case-insensitively), refs followed, unknown locations dropped', () => {
    const params = contractOf(doc).operations['updatePet']?.parameters ?? [];
    expect(params).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'x-trace', in: 'header', required: true, schema: { type: ['string', 'null'] } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
      { name: 'tags', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'pipeDelimited', explode: true },
      { name: 'ids', in: 'query', required: false, schema: { type: 'array', items: { type: 'integer' } }, explode: false },
      { name: 'filter', in: 'query', required: false, schema: { type: 'object' }, content: 'application/json' },
      { name: 'session', in: 'cookie', required: false, schema: { type: 'string' } },
    ]);
  });

  it('dereferences the request body and leaves its examples out', () => {
    expect(contractOf(doc).operations['updatePet']?.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { type: 'object' } } } });
  });

  it('responses: status upper-cased, examples from `example` or the first `examples` value, no content when none', () => {
    const responses = contractOf(doc).operations['updatePet']?.responses ?? {};
    expect(Object.keys(responses)).toEqual(['200', '4XX', 'DEFAULT']);
    expect(responses['200']?.content?.['application/json']?.example).toEqual({ name: 'Rex' });
    expect(responses['4XX']).toEqual({ content: { 'application/problem+json': { schema: { type: 'object' }, example: { title: 'Bad' } } } });
    expect(responses['DEFAULT']).toEqual({});
  });

  it('converts component schemas to JSON Schema (annotations dropped)', () => {
    expect(contractOf(doc).components.schemas).toEqual({ Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } });
  });

  it('an operation without a body has no requestBody key; 3.1 nullable is not folded', () => {
    const c = contractOf({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { operationId: 'getA', parameters: [{ name: 'q', in: 'query', schema: { type: 'string', nullable: true } }], responses: {} } } },
    });
    expect(c.operations['getA']).toEqual({
      operationId: 'getA',
      method: 'GET',
      path: '/a',
      parameters: [{ name: 'q', in: 'query', required: false, schema: { type: 'string' } }],
      responses: {},
    });
    expect(c.components.schemas).toEqual({});
  });
});
