// The `json` template helper: the contract is emitted as JSON.parse of its JSON text in one string
// literal (tsc checks no object literal); every string a spec can hold must come back unchanged.
import { describe, expect, it } from 'vitest';
import { json } from '../../generator/render/helpers.js';

/** Evaluates the helper's output as the generated module would. */
function roundTrip(value: unknown): unknown {
  return new Function(`return ${json(value)};`)();
}

describe('json helper', () => {
  it('emits JSON.parse over one string literal of the JSON text', () => {
    expect(json({ a: [1, null], b: 'q"' })).toBe('JSON.parse("{\\"a\\":[1,null],\\"b\\":\\"q\\\\\\"\\"}")');
  });

  it.each([
    ['a backtick', 'x`y'],
    ['a template substitution', '${process.exit()}'],
    ['an escaped backslash before a backtick', '\\`'],
    ['an escaped backslash before ${', '\\${x}'],
    ['a trailing backslash', 'end\\'],
    ['quotes and control characters', '"q"\n\t\r\u0000'],
    ['a script end tag', '</script>'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['$ref keys', '#/components/schemas/x'],
  ])('round-trips %s', (_, s) => {
    const value = { $ref: s, [s]: [s, { nested: s }] };
    expect(roundTrip(value)).toEqual(value);
  });

  it('leaves no <, U+2028 or U+2029 in the output text', () => {
    expect(json({ s: '</script>\u2028\u2029' })).not.toMatch(/[<\u2028\u2029]/);
  });
});
