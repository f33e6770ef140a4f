/**
 * The document handed to openapi-typescript (types/types-input.ts): shared with the loaded document
 * except the containers openapi-typescript or svc-gen write, which are copied, so the loaded
 * document stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { surveyDocument } from '../../../../generator/load/survey.js';
import { writableForTypes } from '../../../../generator/types/types-input.js';

type Json = Record<string, unknown>;
const get = (root: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root);

function makeDoc(): Json {
  return {
    openapi: '3.1.0',
    paths: {
      '/a': {
        parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } }],
        get: {
          parameters: [
            { name: 'plain', in: 'query', schema: { type: 'string' } },
            { name: 'g', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
          ],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Config/properties/disks/items' } } } },
          },
        },
      },
      '/b': { get: { responses: { '204': { description: 'none' } } } },
    },
    components: {
      parameters: { C: { name: 'c', in: 'header', content: { 'text/plain': { schema: { type: 'string' } } } } },
      schemas: {
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/DogAlias' } } },
        Cat: { type: 'object', properties: { kind: { type: 'string' } }, required: ['kind'] },
        Dog: { type: 'object', properties: { kind: { type: 'string' } } },
        DogAlias: { $ref: '#/components/schemas/Dog' },
        Untouched: { type: 'string' },
        Config: { type: 'object', properties: { disks: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } } } },
      },
    },
  };
}

describe('writableForTypes', () => {
  it('copies content parameters (path item, operation and components) and their containers; shares the rest', () => {
    const doc = makeDoc();
    const w = writableForTypes(doc);
    expect(w).not.toBe(doc);
    for (const keys of [
      ['paths', '/a', 'parameters', 0],
      ['paths', '/a', 'get', 'parameters', 1],
      ['components', 'parameters', 'C'],
    ]) {
      expect(get(w, ...keys)).not.toBe(get(doc, ...keys));
      expect(get(w, ...keys)).toEqual(get(doc, ...keys));
    }
    expect(get(w, 'paths', '/a', 'get', 'parameters', 0)).toBe(get(doc, 'paths', '/a', 'get', 'parameters', 0));
    expect(get(w, 'paths', '/b')).toBe(get(doc, 'paths', '/b'));
    expect(get(w, 'components', 'schemas', 'Untouched')).toBe(get(doc, 'components', 'schemas', 'Untouched'));
  });

  it('a write to a copied parameter leaves the loaded document as it was', () => {
    const doc = makeDoc();
    const w = writableForTypes(doc);
    (get(w, 'paths', '/a', 'get', 'parameters', 1) as Json)['schema'] = { type: 'string' };
    expect(get(doc, 'paths', '/a', 'get', 'parameters', 1, 'schema')).toBeUndefined();
  });

  it('copies discriminator targets (mapping refs followed to their end) and their allOf/properties/required', () => {
    const doc = makeDoc();
    const w = writableForTypes(doc);
    for (const name of ['Cat', 'Dog']) {
      expect(get(w, 'components', 'schemas', name)).not.toBe(get(doc, 'components', 'schemas', name));
      expect(get(w, 'components', 'schemas', name, 'properties')).not.toBe(get(doc, 'components', 'schemas', name, 'properties'));
    }
    expect(get(w, 'components', 'schemas', 'Cat', 'required')).not.toBe(get(doc, 'components', 'schemas', 'Cat', 'required'));
    (get(w, 'components', 'schemas', 'Cat', 'required') as string[]).push('extra');
    expect(get(doc, 'components', 'schemas', 'Cat', 'required')).toEqual(['kind']);
    expect(get(w, 'components', 'schemas', 'DogAlias')).toBe(get(doc, 'components', 'schemas', 'DogAlias'));
  });

  it('a breaking interior ref is inlined in the copy only', () => {
    const doc = makeDoc();
    const w = writableForTypes(doc);
    const at = ['paths', '/a', 'get', 'responses', '200', 'content', 'application/json', 'schema'];
    expect(get(w, ...at)).toEqual({ type: 'object', properties: { id: { type: 'integer' } } });
    expect(get(doc, ...at)).toEqual({ $ref: '#/components/schemas/Config/properties/disks/items' });
  });

  it('gives the same result with a survey of the document as without', () => {
    const doc = makeDoc();
    expect(writableForTypes(doc, surveyDocument(doc))).toEqual(writableForTypes(makeDoc()));
  });

  it('a document with nothing to write shares every top-level value', () => {
    const doc: Json = { openapi: '3.1.0', paths: { '/x': { get: { responses: {} } } }, components: { schemas: { A: { type: 'string' } } } };
    const w = writableForTypes(doc);
    expect(w).not.toBe(doc);
    expect(w['paths']).toBe(doc['paths']);
    expect(w['components']).toBe(doc['components']);
  });
});
