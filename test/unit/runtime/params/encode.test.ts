/** Percent-encoding and value shapes shared by every parameter location, on literal values. */
import { describe, expect, test } from 'vitest';
import { encode, encodeReserved, jsonText, shapeOf } from '../../../../runtime/params/encode.js';

test.each([
  ['a b&c=d+e/f?g#h', 'a%20b%26c%3Dd%2Be%2Ff%3Fg%23h'],
  ["!'()*-._~", "!'()*-._~"],
  ['é€', '%C3%A9%E2%82%AC'],
])('encode(%j) → %j', (text, want) => expect(encode(text)).toBe(want));

test('a lone surrogate has no UTF-8 form: invalid_usage', () => {
  expect(() => encode('\ud800')).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }) }));
});

test.each([
  [":/?@!$'()*,;=", ":/?@!$'()*,;="],
  ['#[]&+', '%23%5B%5D%26%2B'],
  ['%41 and %zz', '%41%20and%20%25zz'],
])('encodeReserved(%j) → %j', (text, want) => expect(encodeReserved(text)).toBe(want));

describe('shapeOf', () => {
  test.each([
    [undefined, undefined],
    [null, { kind: 'undefined' }],
    [[], { kind: 'undefined' }],
    [{}, { kind: 'undefined' }],
    [{ a: undefined }, { kind: 'undefined' }],
    [0, { kind: 'scalar', text: '0' }],
    [false, { kind: 'scalar', text: 'false' }],
    [new Date(0), { kind: 'scalar', text: '1970-01-01T00:00:00.000Z' }],
    [[1, null, 'x'], { kind: 'array', items: ['1', '', 'x'] }],
    [
      { a: 1, b: 'x', c: undefined },
      {
        kind: 'object',
        entries: [
          ['a', '1'],
          ['b', 'x'],
        ],
      },
    ],
  ])('%j → %j', (value, want) => expect(shapeOf('p', value)).toEqual(want));

  test('a bigint is its decimal text', () => expect(shapeOf('p', 10n)).toEqual({ kind: 'scalar', text: '10' }));

  test.each([[[{ a: 1 }]], [{ a: [1] }], [Number.NaN], [Number.POSITIVE_INFINITY]])('%j is refused naming the parameter', (value) => {
    expect(() => shapeOf('p', value)).toThrow(expect.objectContaining({ description: expect.stringContaining('Parameter "p"') }));
  });
});

test('jsonText: JSON, with non-ASCII as \\u escapes when ascii is asked', () => {
  expect(jsonText('p', { name: 'café' })).toBe('{"name":"café"}');
  expect(jsonText('p', { name: 'café' }, true)).toBe('{"name":"caf\\u00e9"}');
  expect(() => jsonText('p', () => 1)).toThrow(expect.objectContaining({ description: 'Parameter "p" has no JSON form.' }));
  expect(() => jsonText('p', 1n)).toThrow(expect.objectContaining({ description: expect.stringContaining('cannot be serialized as JSON') }));
});
