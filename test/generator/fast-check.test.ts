/**
 * `--check` answered from the manifest when nothing changed; when something that decides the output
 * did (a spec, a $ref-ed file, a generated file), the services it touches are checked again and the
 * others reused; an option or a new spec runs the full check. The manifest itself is the same
 * wherever the tree lives.
 */
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { generate } from '../../generator/index.js';
import { fingerprint } from '../../generator/output/up-to-date.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, tinySpec } from './helpers/specs.js';

let dir: string;
let specs: string;
let out: string;
beforeEach(async () => {
  dir = tempDir();
  specs = copyRepoSpecs(dir);
  out = path.join(dir, 'clients');
  await generate({ inputs: [specs], out });
});
afterEach(() => cleanup(dir));

const check = (extra: Partial<Parameters<typeof generate>[0]> = {}) => generate({ inputs: [specs], out, check: true, ...extra });

test('nothing changed: up to date, answered from the manifest (no service was prepared)', async () => {
  const result = await check();
  expect(result.check).toEqual({ upToDate: true, stale: [], missing: [], extra: [] });
  expect(result.services.map((s) => [s.name, s.operations, s.reused])).toEqual([
    ['notification', 4, true],
    ['order', 5, true],
    ['payment', 5, true],
    ['user', 8, true],
  ]);
  const full = await generate({ inputs: [specs], out: path.join(dir, 'other') });
  expect(result.services.map(({ ms, reused, ...s }) => s)).toEqual(full.services.map(({ ms, reused, ...s }) => s));
  expect(result.warnings).toEqual(full.warnings);
});

describe('anything that decides the output is checked: the services it touches are generated again, the others reused', () => {
  const all = ['notification', 'order', 'payment', 'user'];
  type Case = [name: string, change: () => void, want: { prepared: string[]; stale?: string[]; missing?: number; extra?: string[] }];
  const cases: Case[] = [
    ['an entry spec edited', () => appendFileSync(path.join(specs, 'user.yaml'), 'x-note: edited\n'), { prepared: ['user'], stale: ['svc-gen.manifest.json'] }],
    [
      'a $ref-ed file edited',
      () => appendFileSync(path.join(specs, 'order', 'components', 'parameters.yaml'), '\n# edited\n'),
      { prepared: ['order'], stale: ['svc-gen.manifest.json'] },
    ],
    [
      'a file $ref-ed by three services edited',
      () => appendFileSync(path.join(specs, 'common', 'errors.yaml'), '\n# edited\n'),
      { prepared: ['order', 'payment', 'user'], stale: ['svc-gen.manifest.json'] },
    ],
    ['a generated file edited', () => appendFileSync(path.join(out, 'user', 'client.ts'), '// edited\n'), { prepared: ['user'], stale: ['user/client.ts'] }],
    ['a generated file deleted', () => rmSync(path.join(out, 'payment', 'types.ts')), { prepared: ['payment'], missing: 1 }],
    ['a file every service feeds edited', () => appendFileSync(path.join(out, 'testing.ts'), '// edited\n'), { prepared: [], stale: ['testing.ts'] }],
    [
      'a new spec (the set of services changed: a full run)',
      () => writeFileSync(path.join(specs, 'extra.yaml'), tinySpec()),
      { prepared: ['extra', ...all], missing: 3, stale: ['index.ts', 'testing.ts', 'svc-gen.manifest.json'] },
    ],
  ];
  test.each(cases)('%s', async (_name, change, want) => {
    change();
    const result = await check();
    expect(result.check?.upToDate).toBe(false);
    expect(result.services.filter((s) => !s.reused).map((s) => s.name)).toEqual(want.prepared);
    if (want.stale) expect(result.check?.stale.map((s) => s.path)).toEqual(want.stale);
    if (want.missing !== undefined) expect(result.check?.missing).toHaveLength(want.missing);
  });

  test('another --runtime-module', async () => {
    const result = await check({ runtimeModule: '@acme/svc-runtime' });
    expect(result.check?.upToDate).toBe(false);
    expect(result.check?.stale.map((s) => s.path)).toContain('user/client.ts');
  });
});

test('the manifest is the same bytes wherever the tree lives (paths are relative)', async () => {
  const moved = path.join(tempDir(), 'elsewhere', 'deeper');
  try {
    cpSync(dir, moved, { recursive: true });
    await generate({ inputs: [path.join(moved, path.relative(dir, specs))], out: path.join(moved, 'clients') });
    expect(readFileSync(path.join(moved, 'clients', 'svc-gen.manifest.json'), 'utf8')).toBe(readFileSync(path.join(out, 'svc-gen.manifest.json'), 'utf8'));
    expect(
      (await generate({ inputs: [path.join(moved, path.relative(dir, specs))], out: path.join(moved, 'clients'), check: true })).services.every(
        (s) => s.reused,
      ),
    ).toBe(true);
  } finally {
    cleanup(path.dirname(path.dirname(moved)));
  }
});

test('a changed template changes the fingerprint, so an upgraded generator never answers from an old manifest', () => {
  const base = {
    version: '1.0.0',
    templates: 'client v1',
    out: '/o',
    runtimeModule: '@svc-gen/runtime',
    sources: [{ entry: '/o/../specs/a.yaml' }],
    defaults: [],
  };
  expect(fingerprint({ ...base, templates: 'client v2' })).not.toBe(fingerprint(base));
  expect(fingerprint({ ...base })).toBe(fingerprint(base));
});
