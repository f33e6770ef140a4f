// Reading back the model's `media` literal into data for the operation table: exactly what
// `jsString` and the model write round-trips, anything else is an internal error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsString, propertyKey } from '../../generator/model/escape.js';
import { literalValue } from '../../generator/render/literal.js';

describe('literalValue', () => {
  it('reads the model media table: keys bare or quoted, strings, booleans, nesting', () => {
    expect(
      literalValue("{ 'multipart/form-data': { type: 'multipart', encoding: { 'a b': { contentType: 'image/png', explode: false, allowReserved: true } } } }"),
    ).toEqual({ 'multipart/form-data': { type: 'multipart', encoding: { 'a b': { contentType: 'image/png', explode: false, allowReserved: true } } } });
    expect(literalValue('{}')).toEqual({});
  });

  it('keeps __proto__ an ordinary key', () => {
    const v = literalValue("{ '__proto__': { type: 'json' } }") as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(JSON.stringify(v)).toBe('{"__proto__":{"type":"json"}}');
  });

  it('round-trips every string jsString and propertyKey write (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (k, s) => {
        expect(literalValue(`{ ${propertyKey(k)}: ${jsString(s)} }`)).toEqual({ [k]: s });
      }),
    );
  });

  it.each(["{ a: 'x' ", '{ a: 1 }', "{ a: 'x' } tail", "{ a: 'x', }", "'\\q'", "{ 'a': `x` }"])('refuses %j', (text) => {
    expect(() => literalValue(text)).toThrow(/^internal: unexpected model literal/);
  });
});
