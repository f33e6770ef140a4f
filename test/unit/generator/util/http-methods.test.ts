/** The Path Item operation keys, in the specification's order, and the check every walk relies on. */
import { expect, test } from 'vitest';
import { isPathItemMethod, PATH_ITEM_METHODS } from '../../../../generator/util/http-methods.js';

test('the eight keys of OpenAPI 3.0/3.1, in the order the specification lists them', () => {
  expect(PATH_ITEM_METHODS).toEqual(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
});

test.each([
  ['get', true],
  ['trace', true],
  ['GET', false],
  ['parameters', false],
  ['summary', false],
  ['x-internal', false],
  ['query', false],
])('isPathItemMethod(%j) → %s', (key, want) => expect(isPathItemMethod(key)).toBe(want));
