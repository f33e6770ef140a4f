/**
 * One schema as the diff compares it (diff/schema-view.ts): refs followed, allOf merged, type arrays,
 * `nullable` and `null` enum members folded into one flag.
 */
import { describe, expect, it } from 'vitest';
import { BOUNDS, follow, viewOf } from '../../../../generator/diff/schema-view.js';

type Json = Record<string, unknown>;

const docWith = (schemas: Json): Json => ({ openapi: '3.1.0', components: { schemas } });

describe('follow', () => {
  it('follows a $ref chain to its end and takes the target’s pointer', () => {
    const doc = docWith({ A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } });
    expect(follow(doc, { $ref: '#/components/schemas/A' }, '/paths/x')).toEqual({
      node: { type: 'string' },
      pointer: '/components/schemas/B',
      ref: '/components/schemas/B',
    });
  });

  it('leaves an inline schema where it is', () => {
    expect(follow(docWith({}), { type: 'integer' }, '/p')).toEqual({ node: { type: 'integer' }, pointer: '/p', ref: undefined });
  });

  it('ends a loop of refs as an empty schema', () => {
    const doc = docWith({ A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } });
    expect(follow(doc, { $ref: '#/components/schemas/A' }, '/p').node).toEqual({});
  });

  it('reads a non-object as an empty schema', () => {
    expect(follow(docWith({}), true, '/p').node).toEqual({});
  });
});

describe('viewOf', () => {
  it('reads types, format, bounds, enum and flags of a plain schema', () => {
    const v = viewOf(docWith({}), { type: 'string', format: 'date', maxLength: 10, minLength: 1, enum: ['a', 'b'], readOnly: true }, '/s');
    expect([...(v.types ?? [])]).toEqual(['string']);
    expect(v.format).toBe('date');
    expect(v.bounds).toEqual({ maxLength: 10, minLength: 1 });
    expect(v.enum).toEqual(['"a"', '"b"']);
    expect([v.nullable, v.readOnly, v.writeOnly, v.ref, v.pointer]).toEqual([false, true, false, undefined, '/s']);
  });

  it('folds a 3.1 type array with null, 3.0 nullable and a null enum member into nullable', () => {
    const arr = viewOf(docWith({}), { type: ['integer', 'null'] }, '/s');
    expect([[...(arr.types ?? [])], arr.nullable]).toEqual([['integer'], true]);
    expect(viewOf(docWith({}), { type: 'string', nullable: true }, '/s').nullable).toBe(true);
    const en = viewOf(docWith({}), { enum: ['x', null] }, '/s');
    expect([en.enum, en.nullable]).toEqual([['"x"'], true]);
  });

  it('reads const as a one-value enum', () => {
    expect(viewOf(docWith({}), { const: 3 }, '/s').enum).toEqual(['3']);
  });

  it('merges allOf members (refs followed): properties, required and the intersection of types', () => {
    const doc = docWith({
      Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    });
    const v = viewOf(doc, { allOf: [{ $ref: '#/components/schemas/Base' }, { type: ['object', 'null'], properties: { n: { type: 'integer' } } }] }, '/s');
    expect([...(v.types ?? [])]).toEqual(['object']);
    expect(v.nullable).toBe(true);
    expect([...v.required]).toEqual(['id']);
    expect([...v.properties.entries()]).toEqual([
      ['id', { schema: { type: 'string' }, pointer: '/components/schemas/Base/properties/id' }],
      ['n', { schema: { type: 'integer' }, pointer: '/s/allOf/1/properties/n' }],
    ]);
  });

  it('infers object from properties and array from items when no type is given', () => {
    expect([...(viewOf(docWith({}), { properties: { a: {} } }, '/s').types ?? [])]).toEqual(['object']);
    const arr = viewOf(docWith({}), { items: { type: 'string' } }, '/s');
    expect([...(arr.types ?? [])]).toEqual(['array']);
    expect(arr.items).toEqual({ schema: { type: 'string' }, pointer: '/s/items' });
  });

  it('takes the union of oneOf branch types, and any type when a branch has none', () => {
    const doc = docWith({ S: { type: 'string' } });
    const v = viewOf(doc, { oneOf: [{ $ref: '#/components/schemas/S' }, { type: 'integer' }, { type: 'null' }] }, '/s');
    expect([...(v.types ?? [])].sort()).toEqual(['integer', 'string']);
    expect(v.nullable).toBe(true);
    expect(v.oneOf).toEqual([
      { schema: { $ref: '#/components/schemas/S' }, pointer: '/s/oneOf/0' },
      { schema: { type: 'integer' }, pointer: '/s/oneOf/1' },
      { schema: { type: 'null' }, pointer: '/s/oneOf/2' },
    ]);
    expect(v.anyOf).toBeUndefined();
    expect(viewOf(doc, { anyOf: [{ type: 'string' }, {}] }, '/s').types).toBeUndefined();
  });

  it('points at the ref target and keeps additionalProperties', () => {
    const doc = docWith({ Map: { type: 'object', additionalProperties: { type: 'number' } } });
    const v = viewOf(doc, { $ref: '#/components/schemas/Map' }, '/paths/a');
    expect([v.pointer, v.ref]).toEqual(['/components/schemas/Map', '/components/schemas/Map']);
    expect(v.additional).toEqual({ schema: { type: 'number' }, pointer: '/components/schemas/Map/additionalProperties' });
  });

  it('a schema that is its own allOf member is merged once', () => {
    const doc = docWith({ Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }], type: 'object', required: ['a'] } });
    expect([...viewOf(doc, { $ref: '#/components/schemas/Loop' }, '/p').required]).toEqual(['a']);
  });

  it('reads every bound keyword', () => {
    const schema = Object.fromEntries(BOUNDS.map((b, i) => [b, i + 1]));
    expect(viewOf(docWith({}), schema, '/s').bounds).toEqual({ maximum: 1, minimum: 2, maxLength: 3, minLength: 4, maxItems: 5, minItems: 6 });
  });
});
