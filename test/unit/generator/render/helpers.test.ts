/** The template helpers (jsdoc is covered with the escapes in model/escape.test.ts): str, prop, json. */
import { expect, test } from 'vitest';
import { json, prop, str } from '../../../../generator/render/helpers.js';

test('str: a single-quoted literal whatever the value', () => {
  expect(str("it's")).toBe("'it\\'s'");
  expect(str(42)).toBe("'42'");
});

test('prop: identifiers bare, anything else quoted', () => {
  expect(prop('name')).toBe('name');
  expect(prop('x-rate-limit')).toBe("'x-rate-limit'");
});

test('json: JSON.parse over one string literal, with < and line separators escaped', () => {
  const out = json({ a: '</script>', b: '\u2028' });
  expect(out).toBe('JSON.parse("{\\"a\\":\\"\\u003c/script>\\",\\"b\\":\\"\\u2028\\"}")');
  expect(new Function(`return ${out}`)()).toEqual({ a: '</script>', b: '\u2028' });
  expect(json(undefined)).toBe('JSON.parse("null")');
});
