/**
 * A write with nothing changed is answered from the manifest, as `--check` is: nothing is written
 * or prepared, and the report is the full run's. A change regenerates the services it touches, and
 * the output is byte-identical to a fresh run's.
 */
import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs } from './helpers/specs.js';

let dir: string;
let specs: string;
let out: string;
beforeEach(() => {
  dir = tempDir();
  specs = copyRepoSpecs(dir);
  out = path.join(dir, 'clients');
});
afterEach(() => cleanup(dir));

const mtimes = (root: string) => Object.keys(snapshotDir(root)).map((f) => [f, statSync(path.join(root, f)).mtimeMs]);

test('nothing changed: no service prepared, nothing written, the same report and files as the full run', async () => {
  const full = await generate({ inputs: [specs], out });
  const before = mtimes(out);
  const again = await generate({ inputs: [specs], out });
  expect(again.services.every((s) => s.reused)).toBe(true);
  expect(again.written).toEqual([]);
  expect(again.removed).toEqual([]);
  expect(again.check).toBeUndefined();
  expect(mtimes(out)).toEqual(before);
  expect(again.services.map(({ ms, reused, ...s }) => s)).toEqual(full.services.map(({ ms, reused, ...s }) => s));
  expect(again.warnings).toEqual(full.warnings);
  expect(again.files).toEqual(full.files);
});

test('a spec changed: only its service is generated again, and <out> is byte-identical to a fresh run', async () => {
  await generate({ inputs: [specs], out });
  appendFileSync(path.join(specs, 'user.yaml'), 'x-note: edited\n');
  const again = await generate({ inputs: [specs], out });
  expect(again.services.filter((s) => !s.reused).map((s) => s.name)).toEqual(['user']);
  expect(again.written).toContain('svc-gen.manifest.json');
  const fresh = path.join(dir, 'fresh');
  await generate({ inputs: [specs], out: fresh });
  expect(snapshotDir(out)).toEqual(snapshotDir(fresh));
});

test('a generated file edited by hand: the write puts it back', async () => {
  await generate({ inputs: [specs], out });
  const want = snapshotDir(out);
  appendFileSync(path.join(out, 'user', 'client.ts'), '// edited\n');
  const again = await generate({ inputs: [specs], out });
  expect(again.services.filter((s) => !s.reused).map((s) => s.name)).toEqual(['user']);
  expect(again.written).toEqual(['user/client.ts']);
  expect(snapshotDir(out)).toEqual(want);
});
