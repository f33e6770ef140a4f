// Codegen speed: svc-gen generating a client for the GitHub REST API spec, beside
// openapi-typescript's own CLI on the same file, measured in the same run, as a ratio.
// The spec is generated/api.github.com.json from the npm package @octokit/openapi, fetched on
// demand with `npm pack` into the git-ignored .cache/bench/octokit/ and never committed.
// Both tools run as their CLIs in fresh processes (read → types → write), alternating; medians.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.cache', 'bench', 'octokit');
const PACKAGE = process.env.BENCH_OCTOKIT_PACKAGE ?? '@octokit/openapi@23.0.2';
export const spec = path.join(cache, 'package', 'generated', 'api.github.com.json');

/** Downloads and unpacks the one file we need, once. */
export function fetchSpec() {
  if (existsSync(spec)) return;
  mkdirSync(cache, { recursive: true });
  console.error(`codegen: fetching ${PACKAGE} into ${path.relative(root, cache)}/ …`);
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cache], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', path.join(cache, tgz), '-C', cache, 'package/generated/api.github.com.json']);
}

const MAXRSS = path.join(root, 'bench', 'lib', 'maxrss.mjs');

/** Wall time (ms) and peak RSS (MiB) of one CLI run in a fresh node process; throws if it exits with another code than `ok`. */
export function time(label, args, cwd = root, ok = [0]) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(MAXRSS).href, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!ok.includes(run.status)) throw new Error(`${label} exited ${run.status}:\n${run.stderr}`);
  return { ms, rss: Number(/@@maxrss (\d+)/.exec(run.stderr)?.[1] ?? NaN), cpu: Number(/@@cpu (\d+)/.exec(run.stderr)?.[1] ?? NaN) };
}

/** The floor: reading and JSON.parse of the spec alone, in a fresh process. */
function parseFloor() {
  return time('JSON.parse', ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(spec)}, 'utf8'))`]);
}

export async function benchCodegen({ quick = false } = {}) {
  fetchSpec();
  if (!existsSync(path.join(root, 'dist', 'generator', 'cli.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const runs = quick ? 1 : 3;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'svc-gen-bench-'));
  const svcGen = [];
  const openapiTS = [];
  const floor = [];
  try {
    for (let i = 0; i < runs; i++) {
      floor.push(parseFloor());
      openapiTS.push(time('openapi-typescript', [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', path.join(tmp, `ot-${i}.ts`)]));
      svcGen.push(time('svc-gen', [path.join(root, 'bin/svc-gen.js'), spec, '--out', path.join(tmp, `svc-gen-${i}`), '--quiet']));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const mb = (statSync(spec).size / 1e6).toFixed(1);
  const base = median(openapiTS.map((r) => r.ms));
  const cpuBase = median(openapiTS.map((r) => r.cpu));
  const row = (tool, output, rs) => [
    tool,
    output,
    spread(rs.map((r) => r.ms)),
    `${(median(rs.map((r) => r.ms)) / base).toFixed(2)}x`,
    spread(rs.map((r) => r.cpu)),
    `${(median(rs.map((r) => r.cpu)) / cpuBase).toFixed(2)}x`,
    median(rs.map((r) => r.rss)).toFixed(0),
  ];
  printTable(
    `Codegen: GitHub REST API spec (${PACKAGE}, ${mb} MB), one CLI run in a fresh process, alternating, median (min–max) of ${runs}; goal: svc-gen ≤ 0.50x`,
    ['tool', 'output', 'wall ms', 'vs openapi-typescript', 'CPU ms', 'CPU vs openapi-typescript', 'peak RSS MiB'],
    [
      row('JSON.parse floor', 'nothing', floor),
      row('openapi-typescript 7.13.0', 'types', openapiTS),
      row('svc-gen', 'types + client + index + manifest', svcGen),
    ],
  );
}
