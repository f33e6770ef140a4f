/**
 * openapi-typescript writes to the document it types (discriminator patches), and svc-gen gives
 * content parameters a schema; svc-gen hands it copies of only those nodes (types-input.ts) instead
 * of a structuredClone. The types must be the bytes the same transform prints for a whole
 * structuredClone (as svc-gen did before), and the document the model reads must come back unchanged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { OpenAPIDocument } from '../../../../generator/load/document.js';
import { typesOfCopy, typesSource } from '../../../../generator/types/emit-types.js';

const examples = path.dirname(createRequire(import.meta.url).resolve('@readme/oas-examples/package.json'));

/** Discriminators in every form scanDiscriminators patches: oneOf + mapping, allOf children, a $ref chain, a content parameter. */
const patched: OpenAPIDocument = {
  openapi: '3.0.3',
  info: { title: 'pets', version: '1' },
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: { $ref: '#/components/schemas/Filter' } } } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Filter: { type: 'object', properties: { kind: { type: 'string' } } },
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/DogAlias' }],
        discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/DogAlias' } },
      },
      Cat: { type: 'object', properties: { meows: { type: 'boolean' } } },
      DogAlias: { $ref: '#/components/schemas/Dog' },
      Dog: { type: 'object', required: ['barks'], properties: { barks: { type: 'boolean' } } },
      Animal: {
        type: 'object',
        discriminator: { propertyName: 'kind', mapping: { bird: '#/components/schemas/Bird' } },
        properties: { kind: { type: 'string' } },
      },
      Bird: { allOf: [{ $ref: '#/components/schemas/Animal' }, { type: 'object', properties: { wings: { type: 'integer' } } }] },
    },
  },
};

const cases: [string, () => OpenAPIDocument][] = [
  ['discriminators in every form, a content parameter', () => structuredClone(patched)],
  [
    '@readme/oas-examples 3.0 discriminators.json',
    () => JSON.parse(readFileSync(path.join(examples, '3.0', 'json', 'discriminators.json'), 'utf8')) as OpenAPIDocument,
  ],
  [
    '@readme/oas-examples 3.0 polymorphism.json',
    () => JSON.parse(readFileSync(path.join(examples, '3.0', 'json', 'polymorphism.json'), 'utf8')) as OpenAPIDocument,
  ],
  [
    '@readme/oas-examples 3.0 parameters-style.json',
    () => JSON.parse(readFileSync(path.join(examples, '3.0', 'json', 'parameters-style.json'), 'utf8')) as OpenAPIDocument,
  ],
];

test.each(cases)('%s: the bytes of the transform on a whole structuredClone; the input unchanged', async (_name, load) => {
  const doc = load();
  const before = JSON.stringify(doc);
  const types = await typesSource('spec.json', doc);
  expect(JSON.stringify(doc)).toBe(before);
  expect(types).toBe(typesOfCopy('spec.json', structuredClone(load())));
});

test('the patches land in the types (the check above compares something)', async () => {
  const types = await typesSource('spec.json', structuredClone(patched));
  expect(types).toContain('petType: "cat"');
  expect(types).toContain('petType: "dog"');
  expect(types).toContain('kind: "bird"');
  expect(types).toContain('filter?: components["schemas"]["Filter"]');
});
