// The `jsonTable` template helper: a client's operation table is emitted as JSON.parse of its JSON
// text, one operation a line (line continuations), so tsc checks one string instead of an object
// literal per operation; every string a spec can hold must come back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTable } from '../../generator/render/helpers.js';

/** Evaluates the helper's output as the generated module would. */
function roundTrip(value: unknown): unknown {
  return new Function(`return ${jsonTable(value)};`)();
}

describe('jsonTable helper', () => {
  it('puts each top-level entry on its own line, ended by a line continuation', () => {
    expect(jsonTable({ a: { x: 1 }, b: ['q"'] }).split('\n')).toEqual(["JSON.parse('{\\", '"a":{"x":1},\\', '"b":["q\\\\""]\\', "}')"]);
  });

  it('an empty table is an empty object', () => {
    expect(jsonTable({})).toBe("JSON.parse('{\\\n}')");
    expect(roundTrip({})).toEqual({});
  });

  it.each([
    ['a single quote', "it's"],
    ['a backslash at the end of a line', 'end\\'],
    ['a backslash before a newline', 'a\\\nb'],
    ['quotes and control characters', '"q"\n\t\r\u0000'],
    ['a script end tag', '</script>'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a __proto__ key', '__proto__'],
  ])('round-trips %s', (_, s) => {
    const value = JSON.parse(JSON.stringify({ [s]: { path: s, params: [{ name: s }] }, other: s }));
    expect(roundTrip(value)).toEqual(value);
  });

  it('round-trips any table of JSON values (property test)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), (table) => {
        const value = JSON.parse(JSON.stringify(table));
        expect(roundTrip(value)).toEqual(value);
      }),
    );
  });

  it('leaves no <, U+2028 or U+2029 in the output text', () => {
    expect(jsonTable({ s: '</script>\u2028\u2029' })).not.toMatch(/[<\u2028\u2029]/);
  });
});
