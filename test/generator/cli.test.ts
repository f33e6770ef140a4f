/**
 * The CLI's contract: write, --check (stale, missing, extra, each with a short diff), user files
 * survive, determinism, --help, --quiet, usage errors. Runs the real pipeline on the repo's specs.
 */
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { svcGen } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, REPO_SPECS, writeFiles } from './helpers/specs.js';

let dir: string;
let specs: string;
let out: string;

beforeEach(() => {
  dir = tempDir();
  specs = copyRepoSpecs(path.join(dir, 'specs'));
  out = path.join(dir, 'clients');
});
afterEach(() => cleanup(dir));

describe('write', () => {
  it('writes a client per service, an index and a manifest; one stderr line per service', async () => {
    const run = await svcGen(specs, '--out', out);
    expect(run.code).toBe(0);
    expect(Object.keys(snapshotDir(out))).toEqual([
      'index.ts',
      'notification/api.d.ts',
      'notification/client.ts',
      'notification/contract.ts',
      'notification/types.d.ts',
      'order/api.d.ts',
      'order/client.ts',
      'order/contract.ts',
      'order/types.d.ts',
      'payment/api.d.ts',
      'payment/client.ts',
      'payment/contract.ts',
      'payment/types.d.ts',
      'svc-gen.manifest.json',
      'testing.ts',
      'user/api.d.ts',
      'user/client.ts',
      'user/contract.ts',
      'user/types.d.ts',
    ]);
    expect(run.stderr).toMatch(/^notification\s+4 operations\s+\d+ ms$/m);
    expect(run.stderr).toMatch(/^user\s+8 operations\s+\d+ ms$/m);
    const manifest = JSON.parse(readFileSync(path.join(out, 'svc-gen.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ generator: 'svc-gen', version: expect.any(String) });
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toEqual([
      '../specs/common/errors.yaml',
      '../specs/common/pagination.yaml',
      '../specs/notification.yaml',
      '../specs/order/components/parameters.yaml',
      '../specs/order/components/responses.yaml',
      '../specs/order/openapi.yaml',
      '../specs/order/schemas/order.yaml',
      '../specs/payment.json',
      '../specs/user.yaml',
    ]);
    expect(manifest.files).toHaveLength(18); // 4 services × api, client, contract, types; index.ts; testing.ts
  });

  it('--quiet silences the per-service lines', async () => {
    const run = await svcGen(specs, '--out', out, '--quiet');
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('is deterministic: two runs give identical bytes', async () => {
    await svcGen(REPO_SPECS, '--out', out, '-q');
    await svcGen(REPO_SPECS, '--out', path.join(dir, 'again'), '-q');
    expect(snapshotDir(path.join(dir, 'again'))).toEqual(snapshotDir(out));
  });

  it('keeps user files in <out> and removes only files the previous manifest listed', async () => {
    await svcGen(specs, '--out', out, '-q');
    writeFiles(out, { 'README.md': 'mine', 'notification/extra.ts': 'export const mine = 1;\n' });
    rmSync(path.join(specs, 'notification.yaml'));
    const run = await svcGen(specs, '--out', out, '-q');
    expect(run.code).toBe(0);
    const files = Object.keys(snapshotDir(out));
    expect(files).toContain('README.md');
    expect(files).toContain('notification/extra.ts');
    expect(files).not.toContain('notification/client.ts');
    expect(files).not.toContain('notification/types.d.ts');
    expect(readFileSync(path.join(out, 'index.ts'), 'utf8')).not.toContain('Notification');
  });

  it('leaves no staging directory behind', async () => {
    await svcGen(specs, '--out', out, '-q');
    writeFileSync(path.join(specs, 'user.yaml'), readFileSync(path.join(specs, 'user.yaml'), 'utf8').replace('List users', 'List all users'));
    await svcGen(specs, '--out', out, '-q');
    expect(Object.keys(snapshotDir(out)).filter((f) => f.includes('staging'))).toEqual([]);
  });
});

describe('--check', () => {
  beforeEach(async () => {
    expect((await svcGen(specs, '--out', out, '-q')).code).toBe(0);
  });

  /** [name, change, expected exit, expected stdout lines] */
  const cases: [string, () => void, number, RegExp[]][] = [
    ['passes right after generation', () => {}, 0, []],
    [
      'fails after editing a spec',
      () => writeFileSync(path.join(specs, 'user.yaml'), readFileSync(path.join(specs, 'user.yaml'), 'utf8').replace('Get one user', 'Fetch one user')),
      1,
      [
        /^stale: {3}svc-gen\.manifest\.json$/m,
        /^stale: {3}user\/api\.d\.ts\n {4}@@ line \d+ @@\n {4}- {4}\* Get one user\n {4}\+ {4}\* Fetch one user$/m,
        /^stale: {3}user\/types\.d\.ts$/m,
      ],
    ],
    [
      'fails after editing a generated file',
      () => writeFileSync(path.join(out, 'order/client.ts'), `${readFileSync(path.join(out, 'order/client.ts'), 'utf8')}// edited\n`),
      1,
      [/^stale: {3}order\/client\.ts\n {4}@@ line \d+ @@\n {4}- \/\/ edited$/m],
    ],
    ['fails after deleting a generated file', () => unlinkSync(path.join(out, 'payment/types.d.ts')), 1, [/^missing: payment\/types\.d\.ts$/m]],
    [
      'fails when a service was removed (extra files)',
      () => rmSync(path.join(specs, 'payment.json')),
      1,
      [/^extra: {3}payment\/client\.ts$/m, /^extra: {3}payment\/types\.d\.ts$/m],
    ],
    ['ignores user files in <out>', () => writeFiles(out, { 'notes.md': 'mine', 'user/mine.ts': 'export {};\n' }), 0, []],
  ];

  it.each(cases)('%s', async (_name, change, code, lines) => {
    change();
    const before = snapshotDir(out);
    const run = await svcGen(specs, '--out', out, '--check');
    expect(run.code, run.stdout + run.stderr).toBe(code);
    for (const line of lines) expect(run.stdout).toMatch(line);
    if (code === 0) expect(run.stdout).toBe('');
    else expect(run.stderr).toMatch(/out of date/);
    expect(snapshotDir(out)).toEqual(before); // --check writes nothing
  });

  it('lists every drifted file, not just the first', async () => {
    unlinkSync(path.join(out, 'user/types.d.ts'));
    unlinkSync(path.join(out, 'order/types.d.ts'));
    writeFileSync(path.join(out, 'index.ts'), 'x');
    const run = await svcGen(specs, '--out', out, '--check');
    expect(run.stdout.match(/^(stale|missing|extra):/gm)).toHaveLength(3);
  });
});

describe('usage', () => {
  /** [args, exit code, stdout or stderr pattern] */
  const cases: [string[], number, RegExp][] = [
    [['--help'], 0, /Examples:\n {2}\$ svc-gen specs\/ --out clients/],
    [[], 2, /required option|missing required argument/],
    [['specs/'], 2, /required option '-o, --out <dir>' not specified/],
    [['specs/', '--out', 'x', '--bogus'], 2, /unknown option '--bogus'/],
  ];
  it.each(cases)('svc-gen %j exits %i', async (args, code, pattern) => {
    const run = await svcGen(...args);
    expect(run.code).toBe(code);
    expect(run.stdout + run.stderr).toMatch(pattern);
  });
});
