/**
 * Refs into the inside of a named schema (types/interior-refs.ts): which printed indexed accesses
 * would not compile, and those refs replaced by a copy of their target (self-references kept).
 */
import { describe, expect, it } from 'vitest';
import { inlineBrokenRefs, interiorRefBreaks } from '../../../../generator/types/interior-refs.js';

type Json = Record<string, unknown>;

const doc: Json = {
  components: {
    schemas: {
      Config: {
        type: 'object',
        required: ['helpers', 'a/b', 'map'],
        properties: {
          disks: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
          helpers: { type: 'object', required: ['deep'], properties: { network: { type: 'boolean' }, deep: { $ref: '#/components/schemas/Deep' } } },
          'a/b': { type: 'string' },
          map: { type: 'object', additionalProperties: { type: 'object', required: ['v'], properties: { v: { type: 'integer' } } } },
        },
        allOf: [{ type: 'object' }],
      },
      Deep: { type: 'object', required: ['x'], properties: { x: { type: 'string' } } },
      Alias: { $ref: '#/components/schemas/Config' },
    },
  },
};

describe('interiorRefBreaks', () => {
  const cases: [string, boolean][] = [
    ['#/components/schemas/Config', false],
    ['#/components/schemas/Config/properties/helpers', false],
    ['#/components/schemas/Config/properties/disks', false],
    ['#/components/schemas/Config/properties/disks/items', true],
    ['#/components/schemas/Config/properties/helpers/properties/network', false],
    ['#/components/schemas/Config/properties/helpers/properties/network/type', true],
    ['#/components/schemas/Config/properties/helpers/properties/deep/properties/x', false],
    ['#/components/schemas/Config/properties/a~1b', false],
    ['#/components/schemas/Config/properties/map/additionalProperties', false],
    ['#/components/schemas/Config/properties/map/additionalProperties/properties/v', false],
    ['#/components/schemas/Config/allOf/0', true],
    ['#/components/schemas/Config/properties/missing', false],
    ['#/components/schemas/Config/properties/missing/properties/x', true],
    ['#/components/schemas/Alias/properties/helpers', false],
    ['#/components/schemas/Nope/properties/x', true],
    ['#/paths/~1a/get', false],
    ['#/components/parameters/P/schema', false],
  ];
  it.each(cases)('%s → %s', (ref, want) => expect(interiorRefBreaks(doc, ref)).toBe(want));
});

describe('inlineBrokenRefs', () => {
  it('replaces a breaking ref by a copy of its target and leaves a compiling one', () => {
    const node: Json = {
      type: 'object',
      properties: {
        disk: { $ref: '#/components/schemas/Config/properties/disks/items' },
        helpers: { $ref: '#/components/schemas/Config/properties/helpers' },
      },
      oneOf: [{ $ref: '#/components/schemas/Config/allOf/0' }],
    };
    inlineBrokenRefs(doc, node);
    expect(node).toEqual({
      type: 'object',
      properties: {
        disk: { type: 'object', properties: { id: { type: 'integer' } } },
        helpers: { $ref: '#/components/schemas/Config/properties/helpers' },
      },
      oneOf: [{ type: 'object' }],
    });
  });

  it('copies: the document is not shared with or changed by the caller’s node', () => {
    const node: Json = { $ref: '#/components/schemas/Config/properties/disks/items' };
    inlineBrokenRefs(doc, node);
    (node['properties'] as Json)['id'] = 'changed';
    const disks = ((doc['components'] as Json)['schemas'] as Json)['Config'] as { properties: { disks: { items: { properties: Json } } } };
    expect(disks.properties.disks.items.properties['id']).toEqual({ type: 'integer' });
  });

  it('a target that refers to itself keeps that inner ref (the copy ends)', () => {
    const selfDoc: Json = {
      components: {
        schemas: {
          Tree: {
            type: 'object',
            properties: {
              nodes: { type: 'array', items: { type: 'object', properties: { child: { $ref: '#/components/schemas/Tree/properties/nodes/items' } } } },
            },
          },
        },
      },
    };
    const node: Json = { $ref: '#/components/schemas/Tree/properties/nodes/items' };
    inlineBrokenRefs(selfDoc, node);
    expect(node).toEqual({ type: 'object', properties: { child: { $ref: '#/components/schemas/Tree/properties/nodes/items' } } });
  });
});
