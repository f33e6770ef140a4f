/** A service's `$ops` table (render/operation-table.ts): the runtime's OperationSpec per method, defaults left out. */
import { describe, expect, it } from 'vitest';
import { buildService } from '../../../../generator/model/service.js';
import { operationTable } from '../../../../generator/render/operation-table.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/users/{id}': {
      get: {
        operationId: 'getUser',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'x' } },
      },
      put: {
        operationId: 'putUser',
        'x-idempotent': true,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'tags', in: 'query', style: 'pipeDelimited', explode: true, allowReserved: true, allowEmptyValue: true, schema: { type: 'array' } },
        ],
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } },
        responses: { '200': { description: 'x', content: { 'application/pdf': {} } } },
      },
    },
    '/ping': { post: { operationId: 'ping', responses: { '204': { description: 'x' } } } },
  },
};

describe('operationTable', () => {
  it('one entry per method, in order, only the fields that differ from the runtime defaults', () => {
    const table = operationTable(buildService(doc, 'users').operations);
    expect(Object.getPrototypeOf(table)).toBeNull();
    expect(Object.keys(table)).toEqual(['getUser', 'putUser', 'ping']);
    expect(table['getUser']).toEqual({ operationId: 'getUser', method: 'GET', path: '/users/{id}', params: [{ name: 'id', in: 'path' }] });
    expect(table['putUser']).toEqual({
      operationId: 'putUser',
      method: 'PUT',
      path: '/users/{id}',
      bodyType: 'form',
      contentType: 'application/x-www-form-urlencoded',
      media: { 'application/x-www-form-urlencoded': { type: 'form' } },
      responseType: 'binary',
      idempotent: true,
      params: [
        { name: 'id', in: 'path' },
        { name: 'tags', in: 'query', style: 'pipeDelimited', explode: true, allowReserved: true, allowEmptyValue: true, legacy: true },
      ],
    });
    expect(table['ping']).toEqual({ operationId: 'ping', method: 'POST', path: '/ping' });
  });

  it('no operations, an empty table', () => {
    expect(Object.keys(operationTable([]))).toEqual([]);
  });
});
