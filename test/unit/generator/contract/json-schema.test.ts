/** OpenAPI schema → JSON Schema 2020-12 (contract/json-schema.ts), on literal schemas of 3.0 and 3.1 documents. */
import { describe, expect, it } from 'vitest';
import { toJsonSchema } from '../../../../generator/contract/json-schema.js';

describe('toJsonSchema', () => {
  it('annotations and x- extensions are dropped, validation keywords kept, nested schemas converted', () => {
    const schema = {
      type: 'object',
      title: 'T',
      description: 'd',
      example: {},
      'x-internal': true,
      discriminator: { propertyName: 'kind' },
      required: ['a'],
      properties: { a: { type: 'string', description: 'gone', minLength: 1 } },
      items: [{ type: 'string', title: 'tuple' }],
      oneOf: [{ type: 'integer', deprecated: true }],
      additionalProperties: false,
    };
    expect(toJsonSchema({}, schema, false)).toEqual({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string', minLength: 1 } },
      items: [{ type: 'string' }],
      oneOf: [{ type: 'integer' }],
      additionalProperties: false,
    });
  });

  it('3.0 nullable becomes a null type, a null enum member, or an anyOf branch', () => {
    expect(toJsonSchema({}, { type: 'string', nullable: true }, true)).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({}, { type: 'string', enum: ['a'], nullable: true }, true)).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(toJsonSchema({}, { enum: ['a', null], nullable: true }, true)).toEqual({ anyOf: [{ enum: ['a', null] }, { type: 'null' }] });
    expect(toJsonSchema({}, { allOf: [{ type: 'string' }], nullable: true }, true)).toEqual({ anyOf: [{ allOf: [{ type: 'string' }] }, { type: 'null' }] });
    expect(toJsonSchema({}, { type: 'string', nullable: false }, true)).toEqual({ type: 'string' });
  });

  it('3.1 leaves nullable out without making anything nullable', () => {
    expect(toJsonSchema({}, { type: 'string', nullable: true }, false)).toEqual({ type: 'string' });
  });

  it('3.0 boolean exclusive bounds become the numeric form; a false one goes', () => {
    expect(toJsonSchema({}, { type: 'number', minimum: 1, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: true }, true)).toEqual({
      type: 'number',
      exclusiveMinimum: 1,
      exclusiveMaximum: 9,
    });
    expect(toJsonSchema({}, { type: 'number', minimum: 1, exclusiveMinimum: false, maximum: 9, exclusiveMaximum: false }, true)).toEqual({
      type: 'number',
      minimum: 1,
      maximum: 9,
    });
    expect(toJsonSchema({}, { type: 'number', exclusiveMinimum: 3 }, false)).toEqual({ type: 'number', exclusiveMinimum: 3 });
  });

  it('refs to component schemas stay refs; other internal refs are inlined; a ref cycle ends as a ref', () => {
    const doc = {
      components: {
        schemas: { User: { type: 'object', properties: { name: { type: 'string', title: 'n' } } } },
        parameters: { P: { schema: { type: 'integer', nullable: true } }, Loop: { schema: { items: { $ref: '#/components/parameters/Loop/schema' } } } },
      },
    };
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/User' }, true)).toEqual({ $ref: '#/components/schemas/User' });
    expect(toJsonSchema(doc, { $ref: '#/components/parameters/P/schema' }, true)).toEqual({ type: ['integer', 'null'] });
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/User/properties/name' }, false)).toEqual({ type: 'string' });
    expect(toJsonSchema(doc, { $ref: '#/components/parameters/Loop/schema' }, true)).toEqual({ items: { $ref: '#/components/parameters/Loop/schema' } });
  });

  it('3.1 keeps the siblings of a component $ref', () => {
    expect(toJsonSchema({}, { $ref: '#/components/schemas/User', description: 'd', maxLength: 3 }, false)).toEqual({
      $ref: '#/components/schemas/User',
      maxLength: 3,
    });
  });

  it('boolean schemas pass through', () => {
    expect(toJsonSchema({}, true, false)).toBe(true);
    expect(toJsonSchema({}, { properties: { a: false }, not: true }, false)).toEqual({ properties: { a: false }, not: true });
  });
});
