/**
 * Services prepared in worker threads (generator/load/workers/pool.ts) give the same bytes, the same
 * report and the same problems, in the same order, as one thread, whichever worker finishes first.
 * Workers start from the compiled build, so this test runs dist/ (`npm run build` first).
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type * as Api from '../../generator/index.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs } from './helpers/specs.js';

const { generate } = (await import(new URL('../../dist/generator/index.js', import.meta.url).href)) as typeof Api;
const examples = path.join(path.dirname(createRequire(import.meta.url).resolve('@readme/oas-examples/package.json')), '3.0', 'json');

let dir: string;
let specs: string;
beforeEach(() => {
  dir = tempDir();
  specs = copyRepoSpecs(dir);
  for (const f of ['petstore.json', 'polymorphism.json', 'parameters-style.json', 'callbacks.json', 'readme-extensions.json'])
    copyFileSync(path.join(examples, f), path.join(specs, `ex-${f}`));
});
afterEach(() => {
  delete process.env['SVCGEN_WORKERS'];
  delete process.env['SVCGEN_TEST_PREPARE_DELAY'];
  delete process.env['SVCGEN_TEST_PREPARE_LOG'];
  cleanup(dir);
});

/** A run with `workers` threads (0: none) and per-file delays in the workers. */
async function run(workers: number, delays: Record<string, number> = {}, inputs: string[] = [specs]) {
  process.env['SVCGEN_WORKERS'] = String(workers);
  process.env['SVCGEN_TEST_PREPARE_DELAY'] = JSON.stringify(delays);
  const out = path.join(dir, `out-${workers}-${Object.keys(delays).length}`);
  process.env['SVCGEN_TEST_PREPARE_LOG'] = `${out}.log`;
  try {
    const result = await generate({ inputs, out });
    return {
      out,
      files: snapshotDir(out),
      services: result.services.map(({ ms, ...s }) => ({ ...s, file: path.relative(dir, s.file), inputs: s.inputs.map((f) => path.relative(dir, f)) })),
      warnings: result.warnings,
      shared: result.shared,
    };
  } catch (e) {
    return { error: JSON.parse(JSON.stringify(e)) as unknown };
  }
}

/** Which worker thread finished which spec, in the order they finished (empty: no worker ran). */
function finished(workers: number, delays: Record<string, number> = {}): { thread: string; file: string }[] {
  const log = path.join(dir, `out-${workers}-${Object.keys(delays).length}.log`);
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => ({ thread: l.split(' ')[0] ?? '', file: l.split(' ')[1] ?? '' }));
}

/** The manifest lists no paths outside <out> that differ by folder name, so each tree is compared without it being renamed. */
const strip = (r: Awaited<ReturnType<typeof run>>) => ('error' in r ? r : { ...r, out: undefined });

test('the same bytes, report and warnings with and without workers', async () => {
  const one = await run(0);
  const three = await run(3);
  expect('error' in one).toBe(false);
  expect((one as { services: unknown[] }).services).toHaveLength(9);
  expect(finished(0)).toEqual([]);
  expect(new Set(finished(3).map((f) => f.thread)).size).toBe(3);
  expect(
    finished(3)
      .map((f) => f.file)
      .sort(),
  ).toEqual(
    Object.keys((one as { files: object }).files).length > 0
      ? [
          'ex-callbacks.json',
          'ex-parameters-style.json',
          'ex-petstore.json',
          'ex-polymorphism.json',
          'ex-readme-extensions.json',
          'notification.yaml',
          'openapi.yaml',
          'payment.json',
          'user.yaml',
        ]
      : [],
  );
  expect(strip(three)).toEqual(strip(one));
});

test('the same order whichever worker finishes first (the first specs made slowest)', async () => {
  const one = await run(0);
  const delays = { 'ex-callbacks.json': 1500, 'ex-parameters-style.json': 250, 'notification.yaml': 150 };
  const delayed = await run(3, delays);
  const order = finished(3, delays).map((f) => f.file);
  expect(order).not.toEqual([...order].sort());
  expect(strip(delayed)).toEqual(strip(one));
});

test('input problems of several specs: the same problems in the same order', async () => {
  writeFileSync(path.join(specs, 'a-broken.json'), '{ "openapi": "3.0.3", "info": ');
  writeFileSync(path.join(specs, 'z-broken.yaml'), 'openapi: 3.0.3\ninfo: [\n');
  const inputs = [path.join(specs, 'a-broken.json'), path.join(specs, 'z-broken.yaml')];
  const one = await run(0, {}, inputs);
  // One worker each; the first spec's answer is held back, so its problem arrives second.
  const delays = { 'a-broken.json': 1000 };
  const delayed = await run(2, delays, inputs);
  expect(finished(2, delays).map((f) => f.file)).toEqual(['z-broken.yaml', 'a-broken.json']);
  expect((one as { error: { problems: unknown[] } }).error.problems).toHaveLength(2);
  expect(delayed).toEqual(one);
});
