/** Rewrites that keep a document's meaning (load/normalize.ts): bare discriminator names, refs into paths. */
import { describe, expect, it } from 'vitest';
import { collapseRefsIntoPaths, intoOperation, normalizeMapping } from '../../../../generator/load/normalize.js';

describe('normalizeMapping', () => {
  it('bare schema names become component refs; refs and file names are kept', () => {
    const obj = {
      discriminator: { propertyName: 'kind', mapping: { cat: 'Cat', dog: '#/components/schemas/Dog', ext: 'pets.yaml', url: 'other.json#/X', odd: 'a b' } },
    };
    normalizeMapping(obj);
    expect(obj.discriminator.mapping).toEqual({
      cat: '#/components/schemas/Cat',
      dog: '#/components/schemas/Dog',
      ext: 'pets.yaml',
      url: 'other.json#/X',
      odd: 'a b',
    });
  });

  it('objects without a mapping are left alone', () => {
    const obj = { discriminator: { propertyName: 'kind' }, type: 'object' };
    normalizeMapping(obj);
    expect(obj).toEqual({ discriminator: { propertyName: 'kind' }, type: 'object' });
  });
});

describe('intoOperation', () => {
  it.each([
    ['#/paths/~1a/get/requestBody', true],
    ['#/paths/~1a/parameters/0', true],
    ['#/webhooks/new/post/responses/200', true],
    ['#/paths/~1a/get', false],
    ['#/paths/~1a', false],
    ['#/components/schemas/A', false],
  ])('%s → %s', (ref, want) => expect(intoOperation(ref)).toBe(want));
});

describe('collapseRefsIntoPaths', () => {
  it('a chain of refs through paths is rewritten to its end outside paths', () => {
    const doc = {
      paths: {
        '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } },
        '/b': { get: { responses: { '200': { $ref: '#/paths/~1a/get/responses/200' } } } },
      },
      components: { responses: { Ok: { description: 'ok' } } },
    };
    expect(collapseRefsIntoPaths(doc)).toEqual([]);
    expect(doc.paths['/b'].get.responses['200']).toEqual({ $ref: '#/components/responses/Ok' });
  });

  it('a ref to a value inside paths is replaced by a copy of it, not shared', () => {
    const doc = {
      paths: {
        '/a': { post: { requestBody: { content: { 'application/json': { schema: { type: 'string' } } } } } },
        '/b': { post: { requestBody: { $ref: '#/paths/~1a/post/requestBody' } } },
      },
    };
    expect(collapseRefsIntoPaths(doc)).toEqual([]);
    const [a, b] = [doc.paths['/a'].post.requestBody, doc.paths['/b'].post.requestBody];
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });

  it('a loop of refs, or a value that refers back into itself through paths, is reported at its pointer', () => {
    const loop = { paths: { '/a': { get: { responses: { '200': { $ref: '#/paths/~1a/get/responses/200' } } } } } };
    expect(collapseRefsIntoPaths(loop)).toEqual([{ pointer: '/paths/~1a/get/responses/200', ref: '#/paths/~1a/get/responses/200' }]);
    const selfish = {
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'x',
                content: { 'application/json': { schema: { items: { $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema' } } } },
              },
            },
          },
        },
        '/b': { get: { responses: { '200': { $ref: '#/paths/~1a/get/responses/200' } } } },
      },
    };
    const problems = collapseRefsIntoPaths(selfish);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.ref === '#/paths/~1a/get/responses/200/content/application~1json/schema')).toBe(true);
  });

  it('refs elsewhere are untouched', () => {
    const doc = { paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } } } };
    const before = JSON.stringify(doc);
    expect(collapseRefsIntoPaths(doc)).toEqual([]);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
