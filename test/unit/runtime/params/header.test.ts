/** Header parameter values: `simple` only, ASCII only, content parameters as ASCII JSON. */
import { expect, test } from 'vitest';
import { headerValue } from '../../../../runtime/params/header.js';

const h = { name: 'x-color', in: 'header' } as const;

test.each([
  [undefined, undefined],
  [null, ''],
  [[], undefined],
  ['a b\tc', 'a b\tc'],
  [['a', 'b'], 'a,b'],
])('%j → %j', (value, want) => expect(headerValue(h, value)).toBe(want));

test('content parameters are JSON with non-ASCII escaped', () => {
  expect(headerValue({ ...h, content: 'application/json' }, { n: 'é' })).toBe('{"n":"\\u00e9"}');
});

test.each([
  ['é', 'Header parameter "x-color" contains characters a header cannot carry (control or non-ASCII).'],
  ['a\r\nb', 'Header parameter "x-color" contains characters a header cannot carry (control or non-ASCII).'],
])('%j is refused', (value, description) => {
  expect(() => headerValue(h, value)).toThrow(expect.objectContaining({ description }));
});

test('a style other than simple is refused', () => {
  expect(() => headerValue({ ...h, style: 'form' }, 'a')).toThrow(
    expect.objectContaining({ description: 'Header parameter "x-color" has style "form", which a header cannot carry.' }),
  );
});
