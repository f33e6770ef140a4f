/** The short line diff of `--check`: changed lines only, with line numbers, capped. */
import { expect, test } from 'vitest';
import { shortDiff } from '../../../../generator/output/diff.js';

test('one changed line in the middle: its number, the old then the new', () => {
  expect(shortDiff('a\nb\nc', 'a\nB\nc')).toBe('@@ line 2 @@\n- b\n+ B');
});

test('an added and a removed line in separate hunks', () => {
  expect(shortDiff('a\nb\nc\nd', 'a\nc\nd\ne')).toBe('@@ line 2 @@\n- b\n@@ line 5 @@\n+ e');
});

test('identical texts: nothing', () => {
  expect(shortDiff('same\n', 'same\n')).toBe('');
});

test('more than eight changed lines: eight shown, the rest counted', () => {
  const old = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n');
  const lines = shortDiff(old, '').split('\n');
  expect(lines.at(-1)).toBe('… 5 more changed line(s)');
  expect(lines.filter((l) => l.startsWith('- ') || l.startsWith('+ '))).toHaveLength(8);
});

test('long lines are cut at 160 characters', () => {
  expect(shortDiff('x'.repeat(200), '')).toBe(`@@ line 1 @@\n- ${'x'.repeat(160)}…\n+ `);
});
