/**
 * The one walk over a loaded document (load/survey.ts): what the checks and the types step read
 * from it instead of walking again. Each field is checked on a small document that has it and on
 * one that has not.
 */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { surveyDocument } from '../../../../generator/load/survey.js';
import { sha256 } from '../../../../generator/util/hash.js';
import { pointerIndex } from '../../../../generator/util/json-pointer.js';

type Json = Record<string, unknown>;

function doc(): Json {
  return {
    openapi: '3.1.0',
    paths: {
      '/a': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } } },
    },
    components: {
      schemas: {
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { cat: 'Cat' } } },
        Cat: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object' }] },
        Base: { type: 'object', properties: { kind: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
      },
    },
  };
}

test('a self-contained document: internal, no ref into paths, no % ref; starts and holders in document order', () => {
  const d = doc();
  const s = surveyDocument(d);
  expect(s.root).toBe(d);
  expect(s).toMatchObject({ internal: true, refsIntoPaths: false, percentRef: undefined, tooDeep: false });
  const schemas = (d['components'] as Json)['schemas'] as Record<string, Json>;
  const pointer = pointerIndex(d);
  expect(s.cycleStarts.map((n) => pointer(n))).toEqual([
    '/paths/~1a/get/responses/200/content/application~1json/schema',
    '/components/schemas/Pet',
    '/components/schemas/Pet/oneOf/0',
    '/components/schemas/Cat',
    '/components/schemas/Cat/allOf/0',
    '/components/schemas/Base/properties/tags',
  ]);
  expect(s.allOfRefHolders).toEqual([['components', 'schemas', 'Cat']]);
  // Without `normalize` the bare mapping name stays as written.
  expect(s.discriminatorRefs).toEqual(['#/components/schemas/Cat', 'Cat']);
  expect(((schemas['Pet'] as Json)['discriminator'] as Json)['mapping']).toEqual({ cat: 'Cat' });
});

test('normalize: bare mapping names become refs, and the survey reads them as such', () => {
  const d = doc();
  const s = surveyDocument(d, { normalize: true });
  const pet = ((d['components'] as Json)['schemas'] as Record<string, Json>)['Pet'] as Json;
  expect((pet['discriminator'] as Json)['mapping']).toEqual({ cat: '#/components/schemas/Cat' });
  expect(s.discriminatorRefs).toEqual(['#/components/schemas/Cat', '#/components/schemas/Cat']);
});

test('an external or dangling ref, a ref into an operation, a ref with %25', () => {
  const external = doc();
  (external['paths'] as Json)['/b'] = { $ref: 'other.yaml#/paths/~1b' };
  expect(surveyDocument(external).internal).toBe(false);
  const dangling = doc();
  ((dangling['components'] as Json)['schemas'] as Json)['X'] = { $ref: '#/components/schemas/Nope' };
  expect(surveyDocument(dangling).internal).toBe(false);
  const intoPaths = doc();
  ((intoPaths['components'] as Json)['schemas'] as Json)['Y'] = { $ref: '#/paths/~1a/get/responses/200' };
  expect(surveyDocument(intoPaths)).toMatchObject({ internal: true, refsIntoPaths: true });
  const percent = doc();
  const bad = { $ref: '#/components/schemas/100%25' };
  ((percent['components'] as Json)['schemas'] as Json)['100%'] = { type: 'string' };
  ((percent['components'] as Json)['schemas'] as Json)['Z'] = bad;
  const s = surveyDocument(percent);
  expect(s.percentRef).toBe(bad);
  expect(pointerIndex(percent)(s.percentRef)).toBe('/components/schemas/Z');
});

test('a node shared by two parents (a YAML alias) is walked once; a value that contains itself ends', () => {
  const shared = { allOf: [{ $ref: '#/components/schemas/Base' }] };
  const d = doc();
  const schemas = (d['components'] as Json)['schemas'] as Json;
  schemas['One'] = { properties: { a: shared } };
  schemas['Two'] = { properties: { b: shared } };
  const s = surveyDocument(d);
  expect(s.cycleStarts.filter((n) => n === shared)).toHaveLength(1);
  expect(s.allOfRefHolders).toContainEqual(['components', 'schemas', 'One', 'properties', 'a']);
  expect(s.allOfRefHolders).not.toContainEqual(['components', 'schemas', 'Two', 'properties', 'b']);
  const loop: Json = { type: 'object' };
  loop['self'] = loop;
  expect(surveyDocument({ openapi: '3.1.0', loop }).tooDeep).toBe(false);
});

test('nesting deeper than the walk goes is reported, not a stack overflow', () => {
  let deep: Json = { type: 'string' };
  for (let i = 0; i < 5000; i++) deep = { items: deep };
  expect(surveyDocument({ openapi: '3.1.0', deep }).tooDeep).toBe(true);
  let ok: Json = { type: 'string' };
  for (let i = 0; i < 200; i++) ok = { items: ok };
  expect(surveyDocument({ openapi: '3.1.0', ok }).tooDeep).toBe(false);
});

test('the hash of a file’s bytes is the hash of its text read as UTF-8', () => {
  const text = '\ufeff{"a":"é – 漢字 😀"}';
  const bytes = Buffer.from(text, 'utf8');
  expect(sha256(bytes)).toBe(sha256(text));
  expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
});

test('a tree (a value from JSON.parse) surveyed without the visited set finds the same', () => {
  const d = JSON.parse(JSON.stringify(doc())) as Json;
  const { tree: t1, ...asTree } = surveyDocument(d, { tree: true });
  const { tree: t2, ...asGraph } = surveyDocument(d);
  expect([t1, t2]).toEqual([true, false]);
  expect(asTree).toEqual(asGraph);
});
