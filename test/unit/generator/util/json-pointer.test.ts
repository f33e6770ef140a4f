/** RFC 6901 token escaping, written once in generator/util/json-pointer.ts: §3's order, §4's reverse order. */
import { expect, test } from 'vitest';
import { childPointer, escapePointer, unescapePointer } from '../../../../generator/util/json-pointer.js';

test.each([
  ['a/b', 'a~1b'],
  ['m~n', 'm~0n'],
  ['~1', '~01'], // `~` first, so a literal "~1" key does not turn into "/"
  ['/~', '~1~0'],
  ['', ''],
])('%j ⇄ %j', (key, token) => {
  expect(escapePointer(key)).toBe(token);
  expect(unescapePointer(token)).toBe(key);
});

test('childPointer escapes each key', () => {
  expect(childPointer('#/paths', '/users/{id}', 'get')).toBe('#/paths/~1users~1{id}/get');
});
