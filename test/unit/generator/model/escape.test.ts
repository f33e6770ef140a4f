/**
 * Escaping helpers, property-based: any string round-trips through a string literal, and no
 * string can end a comment or leave `</script`, a raw line terminator or a `${` outside a literal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentLines, jsString, propertyKey } from '../../../../generator/model/escape.js';
import { jsdoc } from '../../../../generator/render/helpers.js';

const hostile = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('*/', '</script>', '${x}', '`', "'", '"', '\\', '\u2028', '\n', '\r\n', '@deprecated'));
const strings = fc.array(hostile, { maxLength: 8 }).map((parts) => parts.join(''));

describe('jsString', () => {
  it('evaluates back to the same string', () => {
    fc.assert(
      fc.property(strings, (s) => {
        expect(new Function(`return ${jsString(s)};`)()).toBe(s);
      }),
    );
  });
  it('never contains a raw line terminator, `</script` or an unescaped quote', () => {
    fc.assert(
      fc.property(strings, (s) => {
        const lit = jsString(s);
        expect(lit).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(lit).not.toMatch(/<\/script/i);
        expect(lit.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*'/);
      }),
    );
  });
});

describe('propertyKey', () => {
  const cases: [string, string][] = [
    ['name', 'name'],
    ['X-Tenant-Id', "'X-Tenant-Id'"],
    ["it's", "'it\\'s'"],
    ['2x', "'2x'"],
  ];
  it.each(cases)('%j → %s', (raw, want) => expect(propertyKey(raw)).toBe(want));
});

describe('comments', () => {
  it('no line can close the comment or hold a line terminator', () => {
    fc.assert(
      fc.property(strings, (s) => {
        for (const line of commentLines(s)) {
          expect(line).not.toContain('*/');
          expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(line).not.toMatch(/<\/script/i);
          expect(line).not.toMatch(/^\s*@/);
        }
      }),
    );
  });

  it('a whole JSDoc block parses as exactly one comment', () => {
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 3 }), (paras) => {
        const block = jsdoc(paras, ['@deprecated'], '  ');
        expect(block.match(/\*\//g)).toHaveLength(1);
        expect(block.trimEnd().endsWith('*/')).toBe(true);
      }),
    );
  });

  it('rejects a tag that is not model-made', () => {
    expect(() => jsdoc([], ['@x */ evil'], '')).toThrow(/unexpected JSDoc tag/);
  });
});
