/** Path values: what replaces `{name}`, and the values refused because they would change the route. */
import { expect, test } from 'vitest';
import { pathValue } from '../../../../runtime/params/path.js';

const p = { name: 'id', in: 'path' } as const;

test.each([
  ['..', 'Path parameter "id" may not be empty, "." or "..".'],
  ['.', 'Path parameter "id" may not be empty, "." or "..".'],
  ['', 'Path parameter "id" may not be empty, "." or "..".'],
  [undefined, 'Path parameter "id" is missing.'],
])('%j is refused', (value, description) => {
  expect(() => pathValue(p, value)).toThrow(expect.objectContaining({ description }));
});

test.each([
  ['a/b?c#d', 'a%2Fb%3Fc%23d'],
  ['...', '...'],
  [42, '42'],
])('%j → %j', (value, want) => expect(pathValue(p, value)).toBe(want));

test('a content parameter is its JSON text, percent-encoded', () => {
  expect(pathValue({ ...p, content: 'application/json' }, { a: 1 })).toBe('%7B%22a%22%3A1%7D');
});

test('a style a path cannot carry is refused', () => {
  expect(() => pathValue({ ...p, style: 'form' }, 'x')).toThrow(
    expect.objectContaining({ description: 'Path parameter "id" has style "form", which a path cannot carry.' }),
  );
});
