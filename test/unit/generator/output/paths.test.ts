/** Where svc-gen may write in `<out>`: relative paths inside it only, never through a symlink, never over a folder. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { isInside, unsafeTarget } from '../../../../generator/output/paths.js';

test.each([
  ['a/b.ts', true],
  ['./a.ts', true],
  ['../x.ts', false],
  ['a/../../x.ts', false],
  ['/etc/passwd', false],
  ['.', false],
])('isInside("/out", %j) → %s', (rel, want) => expect(isInside('/out', rel)).toBe(want));

const out = mkdtempSync(path.join(tmpdir(), 'svc-gen-paths-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
mkdirSync(path.join(out, 'dir'));
writeFileSync(path.join(out, 'file.ts'), '');
symlinkSync(tmpdir(), path.join(out, 'link'));

test.each([
  ['new/a.ts', undefined],
  ['file.ts', undefined],
  ['../a.ts', 'is outside the output directory'],
  ['link/a.ts', 'link is a symlink; svc-gen does not write through symlinks in <out> (that could write outside it)'],
  ['file.ts/a.ts', 'file.ts is a file, where svc-gen needs a folder'],
  ['dir', 'dir is a folder, where svc-gen writes a file'],
])('unsafeTarget(%j) → %j', (rel, want) => expect(unsafeTarget(out, rel)).toBe(want));
