/**
 * `--consumer`: a consumer project whose `getUser` call breaks under the new spec and whose
 * `health` call does not; the report names exactly the breaking call's file and line, and nothing
 * in the consumer's tree changes.
 */
import { cpSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svcGenIn } from '../generator/helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from '../generator/helpers/fs.js';

type Json = Record<string, any>;

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(REPO, 'test/fixtures/diff/consumer');
let dir: string;

beforeAll(async () => {
  dir = tempDir('svc-gen-consumer-test-');
  cpSync(FIXTURE, dir, { recursive: true });
  renameSync(path.join(dir, 'src/checkout.ts.txt'), path.join(dir, 'src/checkout.ts'));
  // Written here because it names the runtime by absolute path (the repo's own, as a consumer's node_modules would).
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules/@types')],
      paths: { 'svc-gen/runtime': [path.join(REPO, 'runtime/index.ts')] },
    },
    include: ['src', 'clients'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const gen = await svcGenIn(dir, ['specs-old', '--out', 'clients']);
  expect(gen.code).toBe(0);
}, 120_000);
afterAll(() => cleanup(dir));

async function consumerDiff(newSpecs: string): Promise<{ code: number; json: Json; stderr: string }> {
  const run = await svcGenIn(dir, ['diff', 'specs-old', newSpecs, '--consumer', 'tsconfig.json', '--clients', 'clients', '--json']);
  return { code: run.code, json: run.stdout ? JSON.parse(run.stdout) : {}, stderr: run.stderr };
}

describe('svc-gen diff --consumer', () => {
  it('names the call that stops compiling, not the one that still compiles, and changes nothing', async () => {
    const before = snapshotDir(dir);
    const r = await consumerDiff('specs-new');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.json.breaking.map((c: Json) => [c.kind, c.operation, c.callSites])).toEqual([
      ['new-required-request-parameter', 'GET /users/{id}', ['src/checkout.ts:8']],
    ]);
    expect(r.json.otherCallSites).toEqual([]);
    expect(snapshotDir(dir)).toEqual(before);
  }, 120_000);

  it('ties a read of a removed response property to the call that returned it', async () => {
    const r = await consumerDiff('specs-removed');
    expect(r.json.breaking.map((c: Json) => [c.kind, c.callSites])).toEqual([['response-required-property-removed', ['src/checkout.ts:9']]]);
    expect(r.json.otherCallSites).toEqual([]);
  }, 120_000);

  it('lists no call site when the consumer still compiles', async () => {
    const r = await consumerDiff('specs-old');
    expect(r).toMatchObject({ code: 0, json: { breaking: [], otherCallSites: [] } });
  }, 120_000);
});
