/** Cookie parts: `form` percent-encodes so a value cannot open another cookie; `cookie` style refuses what needs escaping. */
import { expect, test } from 'vitest';
import { cookiePart } from '../../../../runtime/params/cookie.js';

const c = { name: 'session', in: 'cookie' } as const;

test('form: a value with `;` and `=` stays one cookie', () => {
  expect(cookiePart(c, 'a; admin=1')).toBe('session=a%3B%20admin%3D1');
});

test('omitted values send nothing', () => {
  expect([cookiePart(c, undefined), cookiePart(c, []), cookiePart({ ...c, style: 'cookie' }, undefined)]).toEqual([undefined, undefined, undefined]);
});

test('cookie style: raw octets pass, a value that needs escaping is refused', () => {
  expect(cookiePart({ ...c, style: 'cookie' }, 'abc-123')).toBe('session=abc-123');
  expect(() => cookiePart({ ...c, style: 'cookie' }, 'a; b')).toThrow(
    expect.objectContaining({ description: 'Cookie parameter "session" needs escaping, which style "cookie" leaves to the caller.' }),
  );
});

test('a content parameter is JSON, percent-encoded', () => {
  expect(cookiePart({ ...c, content: 'application/json' }, [1])).toBe('session=%5B1%5D');
});

test('a style a cookie cannot carry is refused', () => {
  expect(() => cookiePart({ ...c, style: 'simple' }, 'a')).toThrow(
    expect.objectContaining({ description: 'Cookie parameter "session" has style "simple", which a cookie cannot carry.' }),
  );
});
