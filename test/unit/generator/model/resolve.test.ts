/** Internal `$ref` lookup: RFC 6901 pointers with %-decoding, chains followed, cycles ending in undefined. */
import { expect, test } from 'vitest';
import { deref, isObject, resolvePointer } from '../../../../generator/model/resolve.js';

const doc = {
  components: {
    schemas: { 'a/b': { type: 'string' }, 'm~n': { type: 'integer' }, é: { type: 'boolean' } },
    parameters: { Id: { $ref: '#/components/parameters/Real' }, Real: { name: 'id', in: 'path' }, Loop: { $ref: '#/components/parameters/Loop' } },
  },
  list: [{ x: 1 }],
};

test.each([
  ['#/components/schemas/a~1b', { type: 'string' }],
  ['#/components/schemas/m~0n', { type: 'integer' }],
  ['#/components/schemas/%C3%A9', { type: 'boolean' }],
  ['#/list/0/x', 1],
  ['#/components/schemas/missing', undefined],
  ['#/list/0/x/deeper', undefined],
  ['other.json#/a', undefined],
])('resolvePointer(%j)', (ref, want) => expect(resolvePointer(doc, ref)).toEqual(want));

test('deref follows a chain to the object; a cycle or a dangling ref gives undefined', () => {
  expect(deref(doc, { $ref: '#/components/parameters/Id' })).toEqual({ name: 'id', in: 'path' });
  expect(deref(doc, { $ref: '#/components/parameters/Loop' })).toBeUndefined();
  expect(deref(doc, { $ref: '#/nowhere' })).toBeUndefined();
  expect(deref(doc, { inline: true })).toEqual({ inline: true });
  expect(deref(doc, 'text')).toBeUndefined();
});

test('isObject: plain objects only', () => {
  expect([{}, [], null, 'x', 1].map(isObject)).toEqual([true, false, false, false, false]);
});
