/** Schema differences in one direction (diff/schema-compare.ts), on literal schemas: type, nullability, enums, bounds, properties, branches. */
import { describe, expect, it } from 'vitest';
import { type Direction, SchemaComparer } from '../../../../generator/diff/schema-compare.js';

const at = (schema: unknown) => ({ schema, pointer: '/s' });
/** Differences between two inline schemas (no documents needed), as `what path detail` lines. */
const diff = (o: unknown, n: unknown, dir: Direction = 'response', oldDoc = {}, newDoc = {}) =>
  new SchemaComparer(oldDoc, newDoc).compare(at(o), at(n), dir).map((d) => [d.what, d.path.join('.'), d.detail].filter((s) => s !== '').join(' '));

describe('SchemaComparer', () => {
  it('equal schemas: nothing', () => {
    expect(diff({ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'string' } } })).toEqual([]);
  });

  it('a wider type breaks a response, not a request; a narrower one the other way round', () => {
    expect(diff({ type: 'integer' }, { type: 'number' }, 'request')).toEqual(['type-generalized type from integer to number']);
    expect(diff({ type: 'integer' }, { type: 'number' }, 'response')).toEqual(['type-changed type from integer to number']);
    expect(diff({ type: 'number' }, { type: 'integer' }, 'response')).toEqual(['type-specialized type from number to integer']);
    expect(diff({ type: 'number' }, { type: 'integer' }, 'request')).toEqual(['type-changed type from number to integer']);
    expect(diff({}, { type: 'string' }, 'request')).toEqual(['type-changed type from any to string']);
  });

  it('another type altogether stops there: properties inside are not compared', () => {
    expect(diff({ type: 'object', properties: { a: {} } }, { type: 'string' })).toEqual(['type-changed type from object to string']);
  });

  it('format changes, and nullability both ways', () => {
    expect(diff({ type: 'string', format: 'uuid' }, { type: 'string' }, 'request')).toEqual(['type-generalized format from uuid to (none)']);
    expect(diff({ type: 'string', format: 'uuid' }, { type: 'string', format: 'email' })).toEqual(['type-changed format from uuid to email']);
    expect(diff({ type: 'string' }, { type: ['string', 'null'] })).toEqual(['became-nullable nullable']);
    expect(diff({ type: 'string', nullable: true }, { type: 'string' })).toEqual(['became-not-nullable not nullable']);
  });

  it('enum values added and removed, enums appearing and going', () => {
    expect(diff({ enum: ['a', 'b'] }, { enum: ['b', 'c'] })).toEqual(['enum-value-removed value "a"', 'enum-value-added value "c"']);
    expect(diff({ type: 'string' }, { type: 'string', enum: ['x'] })).toEqual(['became-enum enum "x"']);
    expect(diff({ type: 'string', enum: ['x'] }, { type: 'string' })).toEqual(['enum-removed enum removed']);
  });

  it('bounds: only the changes that matter in that direction are reported', () => {
    expect(diff({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5 }, 'request')).toEqual(['constraint max-length-decreased: maxLength 10 → 5']);
    expect(diff({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5 }, 'response')).toEqual([]);
    expect(diff({ type: 'string', maxLength: 5 }, { type: 'string', maxLength: 10 }, 'response')).toEqual([
      'constraint max-length-increased: maxLength 5 → 10',
    ]);
    expect(diff({ type: 'integer', minimum: 1 }, { type: 'integer', minimum: 0 }, 'response')).toEqual(['constraint min-decreased: minimum 1 → 0']);
    expect(diff({ type: 'integer' }, { type: 'integer', minimum: 0 }, 'request')).toEqual(['constraint min-set: minimum (none) → 0']);
    expect(diff({ type: 'array', minItems: 1 }, { type: 'array' }, 'response')).toEqual(['constraint min-items-unset: minItems 1 → (none)']);
  });

  it('properties: removed, added, required changes, nested with their path', () => {
    const o = {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'object', properties: { d: { type: 'integer' } } } },
    };
    const n = {
      type: 'object',
      required: ['b', 'e'],
      properties: { b: { type: 'string' }, c: { type: 'object', properties: { d: { type: 'string' } } }, e: {} },
    };
    const deltas = new SchemaComparer({}, {}).compare(at(o), at(n), 'request');
    expect(deltas.map((d) => [d.what, d.path.join('.'), d.required])).toEqual([
      ['property-removed', 'a', true],
      ['became-required', 'b', true],
      ['type-changed', 'c.d', false],
      ['property-added', 'e', true],
    ]);
  });

  it('read-only properties are not sent, write-only ones not received', () => {
    const o = { type: 'object', properties: { id: { type: 'string', readOnly: true }, pw: { type: 'string', writeOnly: true } } };
    const n = { type: 'object', properties: {} };
    expect(diff(o, n, 'request')).toEqual(['property-removed pw pw']);
    expect(diff(o, n, 'response')).toEqual(['property-removed id id']);
  });

  it('items and additionalProperties are compared under [] and {}', () => {
    expect(diff({ type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'integer' } })).toEqual([
      'type-changed [] type from string to integer',
    ]);
    expect(diff({ type: 'object', additionalProperties: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'boolean' } })).toEqual([
      'type-changed {} type from string to boolean',
    ]);
  });

  it('oneOf branches pair by $ref target or inline text; paired refs are compared inside', () => {
    const obj = (a: string) => ({ type: 'object', properties: { a: { type: a } } });
    const oldDoc = { components: { schemas: { A: obj('string'), B: obj('integer') } } };
    const newDoc = { components: { schemas: { A: obj('boolean'), C: obj('integer') } } };
    const o = { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }, obj('number')] };
    const n = { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/C' }] };
    expect(diff(o, n, 'response', oldDoc, newDoc)).toEqual([
      'type-changed a type from string to boolean',
      'one-of-removed /components/schemas/B',
      'one-of-removed an inline schema',
      'one-of-added /components/schemas/C',
    ]);
  });

  it('the types of oneOf branches are the type of the schema', () => {
    expect(diff({ oneOf: [{ type: 'string' }, { type: 'null' }] }, { oneOf: [{ type: 'string' }] })).toEqual([
      'became-not-nullable not nullable',
      'one-of-removed an inline schema',
    ]);
  });

  it('a recursive schema ends, and each $ref pair is compared once per comparer', () => {
    const doc = (leaf: string) => ({
      components: { schemas: { N: { type: 'object', properties: { v: { type: leaf }, next: { $ref: '#/components/schemas/N' } } } } },
    });
    const c = new SchemaComparer(doc('string'), doc('integer'));
    const first = c.compare(at({ $ref: '#/components/schemas/N' }), at({ $ref: '#/components/schemas/N' }), 'response');
    expect(first.map((d) => [d.what, d.path.join('.')])).toEqual([['type-changed', 'v']]);
    expect(first[0]?.old).toBe('/components/schemas/N/properties/v');
    expect(c.compare(at({ $ref: '#/components/schemas/N' }), at({ $ref: '#/components/schemas/N' }), 'response')).toBe(first);
  });
});
