/**
 * application/x-www-form-urlencoded bodies: the WHATWG serializer per name and value, and each
 * `encoding` rule (style, explode, allowReserved, JSON contentType), as exact body text.
 */
import { describe, expect, test } from 'vitest';
import { encodeForm, formEncode } from '../../../../runtime/body/form.js';
import type { PartEncoding } from '../../../../runtime/types.js';

/** The invalid_usage APIException that says `description`. */
const usage = (description: string) => expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }), description });

describe('formEncode (the WHATWG byte serializer)', () => {
  test.each([
    ['a b', false, 'a+b'],
    ["!'()~*", false, '%21%27%28%29%7E*'],
    ['a/b?c=d&e', false, 'a%2Fb%3Fc%3Dd%26e'],
    ['a/b?c=d&e', true, 'a/b?c=d%26e'],
    ['x y+z', true, 'x+y%2Bz'],
    ['#[x]', true, '%23%5Bx%5D'],
    ['50%25 off', true, '50%25+off'],
    ['é€', false, '%C3%A9%E2%82%AC'],
  ] as const)('%j (allowReserved %s) → %s', (text, reserved, want) => {
    expect(formEncode(text, reserved)).toBe(want);
  });

  test.each([false, true])('what the WHATWG parser reads back is the value (allowReserved %s)', (reserved) => {
    const value = "x y+z&a=b#c[d] 100% é/?:@!$'()*,;";
    expect(new URLSearchParams(`f=${formEncode(value, reserved)}`).get('f')).toBe(value);
  });

  test('a lone surrogate is invalid_usage, not a URIError', () => {
    expect(() => formEncode('\ud800')).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }) }));
  });
});

describe('encodeForm without an encoding', () => {
  test('primitives as text, arrays repeat the key, objects as JSON text, undefined skipped', () => {
    expect(encodeForm({ name: 'Ann Lee', age: 7, ok: true, none: null, skip: undefined, tags: ['a', 'b c'], obj: { k: 1 } })).toBe(
      'name=Ann+Lee&age=7&ok=true&none=null&tags=a&tags=b+c&obj=%7B%22k%22%3A1%7D',
    );
  });

  test('an empty object is an empty body', () => {
    expect(encodeForm({})).toBe('');
  });

  test.each([[null], [[1, 2]], ['a=b'], [3]])('%j is refused: a form body is an object', (body) => {
    expect(() => encodeForm(body)).toThrow(usage('A form body must be an object of fields.'));
  });

  test('bytes are refused in a field', () => {
    expect(() => encodeForm({ file: new Uint8Array([1]) })).toThrow(usage('A form field cannot carry bytes; use multipart/form-data.'));
  });
});

describe('encodeForm with an encoding object', () => {
  const rows: [name: string, value: unknown, encoding: PartEncoding, want: string][] = [
    ['JSON contentType: the array is one JSON text', [1, 2], { contentType: 'application/json' }, 'f=%5B1%2C2%5D'],
    ['+json contentType', { a: 'b' }, { contentType: 'application/merge-patch+json' }, 'f=%7B%22a%22%3A%22b%22%7D'],
    ['text contentType: the array repeats', [1, 2], { contentType: 'text/plain' }, 'f=1&f=2'],
    ['form, explode false: comma-joined', ['a', 'b'], { style: 'form', explode: false }, 'f=a,b'],
    ['form, explode true: repeated', ['a', 'b'], { explode: true }, 'f=a&f=b'],
    ['spaceDelimited', ['a', 'b'], { style: 'spaceDelimited' }, 'f=a%20b'],
    ['pipeDelimited', ['a', 'b'], { style: 'pipeDelimited' }, 'f=a|b'],
    ['form object exploded: its properties are the fields', { x: 1, y: 'z z', u: undefined }, { style: 'form' }, 'x=1&y=z+z'],
    ['form object not exploded: k,v pairs', { x: 1, y: 2 }, { style: 'form', explode: false }, 'f=x,1,y,2'],
    ['deepObject', { x: 1, y: 'a b' }, { style: 'deepObject' }, 'f[x]=1&f[y]=a+b'],
    ['allowReserved keeps reserved characters', 'a/b:c', { allowReserved: true }, 'f=a/b:c'],
    ['allowReserved false escapes them', 'a/b:c', { allowReserved: false }, 'f=a%2Fb%3Ac'],
  ];
  test.each(rows)('%s', (_name, value, encoding, want) => {
    expect(encodeForm({ f: value }, { f: encoding })).toBe(want);
  });

  test('deepObject cannot carry an array', () => {
    expect(() => encodeForm({ f: [1] }, { f: { style: 'deepObject' } })).toThrow(usage('Form field "f": style deepObject cannot carry an array.'));
  });

  test('pipeDelimited cannot carry an object', () => {
    expect(() => encodeForm({ f: { a: 1 } }, { f: { style: 'pipeDelimited' } })).toThrow(usage('Form field "f": style pipeDelimited cannot carry an object.'));
  });

  test('an inherited key of the encoding object is not an encoding', () => {
    expect(encodeForm({ toString: [1, 2] }, {})).toBe('toString=1&toString=2');
  });
});
