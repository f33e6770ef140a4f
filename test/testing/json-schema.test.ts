/** OpenAPI 3.0 schema → JSON Schema 2020-12, one row per rewrite (OpenAPI 3.0.3 §4.7.24); 3.1 passes through. */
import { describe, expect, it } from 'vitest';
import { toJsonSchema } from '../../generator/contract/json-schema.js';

const doc = { components: { schemas: { Pet: { type: 'object' } } }, paths: { '/x': { get: { parameters: [{ schema: { type: 'integer' } }] } } } };

describe('OpenAPI 3.0', () => {
  it.each([
    ['nullable with a type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['nullable enum gains null', { type: 'string', enum: ['a'], nullable: true }, { type: ['string', 'null'], enum: ['a', null] }],
    [
      'nullable without a type',
      { allOf: [{ $ref: '#/components/schemas/Pet' }], nullable: true },
      { anyOf: [{ allOf: [{ $ref: '#/components/schemas/Pet' }] }, { type: 'null' }] },
    ],
    ['boolean exclusiveMinimum', { type: 'integer', minimum: 1, exclusiveMinimum: true }, { type: 'integer', exclusiveMinimum: 1 }],
    ['false exclusiveMaximum dropped', { type: 'integer', maximum: 9, exclusiveMaximum: false }, { type: 'integer', maximum: 9 }],
    [
      'annotations dropped, property named example kept',
      { type: 'object', example: {}, 'x-internal': 1, properties: { example: { type: 'string', example: 'e' } } },
      { type: 'object', properties: { example: { type: 'string' } } },
    ],
    ['nested schemas converted', { type: 'array', items: { type: 'number', nullable: true } }, { type: 'array', items: { type: ['number', 'null'] } }],
    ['component ref kept', { $ref: '#/components/schemas/Pet' }, { $ref: '#/components/schemas/Pet' }],
    ['other internal ref inlined', { $ref: '#/paths/~1x/get/parameters/0/schema' }, { type: 'integer' }],
  ])('%s', (_name, given, want) => expect(toJsonSchema(doc, given, true)).toEqual(want));
});

describe('OpenAPI 3.1', () => {
  it('keeps type arrays, numeric exclusive bounds and $ref siblings (documentation dropped)', () => {
    const given = { type: ['integer', 'null'], exclusiveMinimum: 0, $ref: '#/components/schemas/Pet', maximum: 9 };
    expect(toJsonSchema(doc, given, false)).toEqual(given);
  });
});
