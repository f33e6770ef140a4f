/** Endpoints are paths only (the host comes from the registry), non-ASCII sent as UTF-8, the query appended. */
import { expect, test } from 'vitest';
import { checkEndpoint, withQuery } from '../../../runtime/url.js';

test.each([
  ['users/7', '/users/7'],
  ['/users/7?x=1', '/users/7?x=1'],
  ['/cities/zürich', '/cities/z%C3%BCrich'],
  ['/a%20b', '/a%20b'],
])('checkEndpoint(%j) → %j', (endpoint, want) => expect(checkEndpoint(endpoint)).toBe(want));

test.each([
  ['//evil.example/x', 'is not a path; the host comes from the registry only.'],
  ['http://evil.example/x', 'is not a path; the host comes from the registry only.'],
  ['mailto:x', 'is not a path; the host comes from the registry only.'],
  ['/a\\..\\b', 'is not a path; the host comes from the registry only.'],
  ['/a b', 'contains whitespace or NUL.'],
  ['/a\0', 'contains whitespace or NUL.'],
  ['/\ud800', 'holds a lone surrogate.'],
])('checkEndpoint(%j) is refused as invalid_url', (endpoint, end) => {
  expect(() => checkEndpoint(endpoint)).toThrow(
    expect.objectContaining({
      errorCode: expect.objectContaining({ name: 'invalid_url' }),
      description: expect.stringMatching(`${end.replace(/[.;]/g, '\\$&')}$`),
    }),
  );
});

test.each([
  ['/x', [], '/x'],
  ['/x', ['a=1', 'b=2'], '/x?a=1&b=2'],
  ['/x?z=0', ['a=1'], '/x?z=0&a=1'],
])('withQuery(%j, %j) → %j', (path, pairs, want) => expect(withQuery(path, pairs)).toBe(want));
