/** A service's operationIds allow-list applied to a document (load/select.ts), on literal documents. */
import { describe, expect, it } from 'vitest';
import { SvcGenInputError } from '../../../../generator/errors.js';
import type { OpenAPIDocument } from '../../../../generator/load/document.js';
import { selectOperations } from '../../../../generator/load/select.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  paths: {
    '/users': {
      summary: 'users',
      parameters: [{ name: 'tenant', in: 'header', schema: { type: 'string' } }],
      get: { operationId: 'listUsers', responses: {} },
      post: { operationId: 'createUser', responses: {} },
    },
    '/orders': { get: { operationId: 'listOrders', responses: {} } },
    '/shared': { $ref: '#/components/pathItems/Shared' },
  },
  components: { pathItems: { Shared: { delete: { operationId: 'purge', responses: {} } } } },
} as unknown as OpenAPIDocument;

describe('selectOperations', () => {
  it('keeps only listed operations and the path items that still hold one, with their other keys', () => {
    const out = selectOperations(doc, ['listUsers'], 'spec.yaml', 'users');
    expect(out.paths).toEqual({
      '/users': {
        summary: 'users',
        parameters: [{ name: 'tenant', in: 'header', schema: { type: 'string' } }],
        get: { operationId: 'listUsers', responses: {} },
      },
    });
    expect(out['components']).toBe(doc['components']);
    expect(out['info']).toBe(doc['info']);
  });

  it('does not change the input document', () => {
    const before = JSON.stringify(doc);
    selectOperations(doc, ['listOrders'], 'spec.yaml', 'orders');
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('operations in a referenced path item are found', () => {
    expect(Object.keys(selectOperations(doc, ['purge', 'listOrders'], 'spec.yaml', 's').paths ?? {})).toEqual(['/orders', '/shared']);
  });

  it('every id the spec lacks is an SVCGEN_CONFIG problem naming the service', () => {
    let thrown: unknown;
    try {
      selectOperations(doc, ['listUsers', 'nope', 'gone'], 'spec.yaml', 'users');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SvcGenInputError);
    expect((thrown as SvcGenInputError).problems.map((p) => [p.code, p.file, p.reason])).toEqual([
      ['SVCGEN_CONFIG', 'spec.yaml', 'services["users"].operationIds lists "nope", which is not an operationId in this spec'],
      ['SVCGEN_CONFIG', 'spec.yaml', 'services["users"].operationIds lists "gone", which is not an operationId in this spec'],
    ]);
  });

  it('a document without paths only accepts an empty list', () => {
    const bare = { openapi: '3.1.0', info: { title: 'T', version: '1' } } as unknown as OpenAPIDocument;
    expect(selectOperations(bare, [], 'a', 's').paths).toEqual({});
    expect(() => selectOperations(bare, ['x'], 'a', 's')).toThrow(SvcGenInputError);
  });
});
