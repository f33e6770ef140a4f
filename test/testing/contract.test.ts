/**
 * The generated contracts and testing.ts: deterministic, covered by --check, and type-checked under
 * strict with the client code (test/e2e/types.test.ts compiles the whole output the same way).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup } from '../generator/helpers/fs.js';
import { REPO_SPECS } from '../generator/helpers/specs.js';
import { formatDiagnostics, typecheck } from '../generator/helpers/typecheck.js';

const OUT = fileURLToPath(new URL(`./out/contract-${process.pid}/`, import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/consumer/clients/', import.meta.url));
afterAll(() => cleanup(OUT));

it('writes a contract per service and testing.ts; same bytes twice; --check sees an edited contract', async () => {
  const first = await generate({ inputs: [REPO_SPECS], out: OUT });
  const paths = first.files.map((f) => f.path);
  for (const s of ['notification', 'order', 'payment', 'user']) expect(paths).toContain(`${s}/contract.ts`);
  expect(paths).toContain('testing.ts');
  const again = await generate({ inputs: [REPO_SPECS], out: OUT, check: true });
  expect(again.check?.upToDate).toBe(true);
  const file = path.join(OUT, 'order/contract.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('\\"type\\":[', '\\"type\\":[\\"boolean\\",'));
  const stale = await generate({ inputs: [REPO_SPECS], out: OUT, check: true });
  expect(stale.check?.stale.map((s) => s.path)).toEqual(['order/contract.ts']);
  expect(formatDiagnostics(typecheck(OUT))).toBe('');
}, 120_000);

it('the consumer fixture (test/fixtures/consumer/clients) is up to date: npm run fixtures:consumer regenerates it', async () => {
  const result = await generate({ inputs: [REPO_SPECS], out: FIXTURE, check: true });
  expect(result.check).toMatchObject({ upToDate: true });
});
