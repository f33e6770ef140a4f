/**
 * Incremental runs: after a change, write and `--check` generate again only the services it
 * touches and reuse the others from the manifest's proof, and everything they produce (the tree,
 * the `--json` report, the printed lines, the warnings in their order) is what a full run produces.
 * The full run to compare with is a twin of `<out>` taken after the change (a sibling copy, so the
 * manifest's relative paths are the same) whose manifest has another fingerprint, which forces
 * every service through the pipeline. Inputs: the repo's specs/ (services sharing common/), CAMARA QoD from test/fixtures
 * (two services sharing common/CAMARA_common.yaml), a spec with load and model warnings, and a
 * config that gives one service runtime defaults (defaults.ts).
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type GenerateResult, generate } from '../../generator/index.js';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, writeFiles } from './helpers/specs.js';

const CAMARA = fileURLToPath(new URL('../fixtures/camara-qod/code/', import.meta.url));

/** Load warnings (a duplicate operationId is renamed) and a model warning (multipart part headers). */
const WARNED = `openapi: 3.0.3
info: { title: Warned, version: '1' }
paths:
  /a:
    get: { operationId: same, responses: { '204': { description: ok } } }
  /b:
    get: { operationId: same, responses: { '204': { description: ok } } }
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema: { type: object, properties: { file: { type: string, format: binary } } }
            encoding:
              file: { headers: { X-Part: { schema: { type: string } } } }
      responses: { '204': { description: ok } }
`;

let dir: string;
let out: string;
beforeEach(async () => {
  dir = tempDir('svc-gen-incremental-');
  copyRepoSpecs(path.join(dir, 'specs'));
  cpSync(CAMARA, path.join(dir, 'camara'), { recursive: true });
  mkdirSync(path.join(dir, '.git')); // camara/ $refs ../common: the folder is a repository
  writeFiles(dir, {
    'specs/warned.yaml': WARNED,
    'svc-gen.config.json': `${JSON.stringify({
      inputs: ['specs', 'camara/API_definitions'],
      out: 'clients',
      services: { payment: { spec: 'specs/payment.json', retryCount: 2, timeout: 1500 } },
    })}\n`,
  });
  out = path.join(dir, 'clients');
  const first = await svcGenIn(dir, []);
  expect(first.code, first.stderr).toBe(0);
});
afterEach(() => cleanup(dir));

/** The same options as the CLI's config, for the library API. */
const options = (extra: { out?: string; check?: boolean } = {}) => ({
  cwd: dir,
  inputs: ['specs', 'camara/API_definitions'],
  out: extra.out ?? 'clients',
  services: { payment: { spec: 'specs/payment.json', retryCount: 2, timeout: 1500 } },
  check: extra.check ?? false,
});

/** A sibling copy of `<out>` whose manifest cannot prove anything: a run into it is a full run. */
function twin(): string {
  const copy = path.join(dir, 'twin');
  cpSync(out, copy, { recursive: true });
  const manifest = path.join(copy, 'svc-gen.manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "another"'));
  return copy;
}

const prepared = (r: GenerateResult) => r.services.filter((s) => !s.reused).map((s) => s.name);
const MANIFEST = 'svc-gen.manifest.json';
/** A result without what only timing and reuse decide, nor the twin's manifest (its fingerprint was changed, so it is always rewritten). */
const comparable = (r: GenerateResult) => ({
  services: r.services.map(({ ms, reused, ...s }) => s),
  shared: r.shared,
  warnings: r.warnings,
  files: r.files,
  written: r.written.filter((f) => f !== MANIFEST),
  removed: r.removed,
  check: r.check && { ...r.check, stale: r.check.stale.filter((f) => f.path !== MANIFEST) },
});

function edit(rel: string, from: string, to: string): void {
  const file = path.join(dir, rel);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`edit of ${rel}: ${from} not found`);
  writeFileSync(file, text.replace(from, to));
}

test('the setup has what incremental runs must rebuild: shared files, warnings of several kinds, defaults.ts', () => {
  const manifest = JSON.parse(readFileSync(path.join(out, 'svc-gen.manifest.json'), 'utf8'));
  expect(manifest.services.map((s: { name: string }) => s.name)).toEqual([
    'qos-profiles',
    'qos-provisioning',
    'notification',
    'order',
    'payment',
    'user',
    'warned',
  ]);
  expect(manifest.warnings).toEqual([
    'GET /b and GET /a share operationId "same"; the former\'s is renamed "same_B" (#/paths/~1b/get/operationId)', // load
    'warned: POST /upload: request body multipart/form-data: encoding of "file": part headers are not sent', // model
  ]);
  expect(readFileSync(path.join(out, 'defaults.ts'), 'utf8')).toContain('payment: { retryCount: 2, timeout: 1500 }');
});

describe("one change, then a write: only the services it touches are generated, and the result is the full run's", () => {
  type Case = [name: string, change: () => void, want: string[]];
  const cases: Case[] = [
    ['an entry spec', () => edit('specs/user.yaml', 'List users, a page at a time', 'List the users'), ['user']],
    ['a spec with warnings', () => edit('specs/warned.yaml', 'title: Warned', 'title: Warned again'), ['warned']],
    [
      'an operation added (testing.ts changes: rebuilt with the reused services as stand-ins)',
      () => edit('specs/warned.yaml', '  /upload:', "  /c:\n    get: { operationId: added, responses: { '204': { description: ok } } }\n  /upload:"),
      ['warned'],
    ],
    ['an operationId renamed', () => edit('specs/user.yaml', 'operationId: get_user', 'operationId: fetch_user'), ['user']],
    [
      "a file of the repo's common/ three services $ref",
      () => appendFileSync(path.join(dir, 'specs/common/errors.yaml'), '\n# edited\n'),
      ['order', 'payment', 'user'],
    ],
    [
      "CAMARA's common/CAMARA_common.yaml, $ref-ed by both its services",
      () => edit('camara/common/CAMARA_common.yaml', 'description: Correlation id for the different services', 'description: Correlation id across services'),
      ['qos-profiles', 'qos-provisioning'],
    ],
    [
      'CAMARA_event_common.yaml, $ref-ed by one of them',
      () => appendFileSync(path.join(dir, 'camara/common/CAMARA_event_common.yaml'), '\n# edited\n'),
      ['qos-provisioning'],
    ],
    ['a hand-edited generated file of a service whose spec did not change', () => appendFileSync(path.join(out, 'order/client.ts'), '// edited\n'), ['order']],
  ];
  test.each(cases)('%s', async (_name, change, want) => {
    change();
    const full = twin();
    const incremental = await generate(options());
    expect(prepared(incremental)).toEqual(want);
    const reference = await generate(options({ out: 'twin' }));
    expect(prepared(reference)).toEqual(reference.services.map((s) => s.name));
    expect(comparable(incremental)).toEqual(comparable(reference));
    expect(incremental.written.length).toBeGreaterThan(0);
    expect(snapshotDir(out)).toEqual(snapshotDir(full));
    // and a fresh run into an empty folder agrees
    await generate(options({ out: 'fresh' }));
    expect(snapshotDir(out)).toEqual(snapshotDir(path.join(dir, 'fresh')));
  });
});

test("--check after a change reports exactly the stale service's files, as the full check does", async () => {
  edit('specs/notification.yaml', 'summary:', 'summary: Edited.');
  twin();
  const incremental = await generate(options({ check: true }));
  expect(prepared(incremental)).toEqual(['notification']);
  const reference = await generate(options({ out: 'twin', check: true }));
  expect(comparable(incremental)).toEqual(comparable(reference));
  const stale = incremental.check?.stale.map((s) => s.path) ?? [];
  expect(stale).toEqual(['notification/client.ts', 'notification/types.ts', MANIFEST]);
  expect(incremental.check?.missing).toEqual([]);
  expect(incremental.check?.extra).toEqual([]);
});

test('the CLI prints the same lines and the same --json as a full run (times and reuse aside)', async () => {
  edit('specs/order/schemas/order.yaml', 'OrderStatus:\n  type: string', 'OrderStatus:\n  description: Edited.\n  type: string');
  twin();
  const mask = (text: string) =>
    text
      .replace(/\d+ ms/g, 'N ms')
      .replace(/"ms": \d+/g, '"ms": 0')
      .replace(/"reused": (true|false)/g, '"reused": ?');
  const incremental = await svcGenIn(dir, ['--json']);
  const reference = await svcGenIn(dir, ['--json', '--out', 'twin']);
  expect(incremental.code).toBe(0);
  const inc = JSON.parse(incremental.stdout);
  expect(inc.services.filter((s: { reused: boolean }) => !s.reused).map((s: { key: string }) => s.key)).toEqual(['order']);
  expect(
    mask(incremental.stdout)
      .replaceAll('"clients"', '"twin"')
      .replace(/--out clients/g, '--out twin'),
  ).toBe(mask(reference.stdout).replace(/ --out twin/g, ''));
  expect(mask(incremental.stderr).replace('→ clients', '→ twin')).toBe(mask(reference.stderr));
  expect(inc.warnings.length).toBeGreaterThan(1);
});

test('a removed spec removes only its generated files; a file the user put beside them stays', async () => {
  const before = JSON.parse(readFileSync(path.join(out, 'svc-gen.manifest.json'), 'utf8'));
  const theirs = before.services.find((s: { name: string }) => s.name === 'warned').files;
  writeFileSync(path.join(out, 'warned', 'NOTES.md'), 'mine\n');
  const mtime = (rel: string) => statSync(path.join(out, rel)).mtimeMs;
  const kept = before.files.map((f: { path: string }) => f.path).filter((p: string) => p.startsWith('user/'));
  const stamps = kept.map(mtime);
  rmSync(path.join(dir, 'specs/warned.yaml'));
  const result = await generate(options());
  expect(result.removed).toEqual(theirs);
  expect(readFileSync(path.join(out, 'warned', 'NOTES.md'), 'utf8')).toBe('mine\n');
  expect(kept.map(mtime)).toEqual(stamps);
  rmSync(path.join(out, 'warned', 'NOTES.md'));
  await generate(options({ out: 'fresh' }));
  const tree = snapshotDir(out);
  expect(tree).toEqual(snapshotDir(path.join(dir, 'fresh')));
});

test("two changes in a row, then nothing: the tree stays the full run's, and the last write is answered from the manifest", async () => {
  edit('specs/user.yaml', 'Get one user', 'Get a single user');
  expect(prepared(await generate(options()))).toEqual(['user']);
  edit('specs/payment.json', '"Charges and refunds.', '"Charges, and refunds.');
  expect(prepared(await generate(options()))).toEqual(['payment']);
  const again = await generate(options());
  expect(prepared(again)).toEqual([]);
  expect(again.written).toEqual([]);
  await generate(options({ out: 'fresh' }));
  expect(snapshotDir(out)).toEqual(snapshotDir(path.join(dir, 'fresh')));
});
