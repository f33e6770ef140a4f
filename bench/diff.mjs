// `svc-gen diff` speed: the GitHub REST API spec against itself with one operation removed (the
// issue's target: at most 2 s), one CLI run in a fresh process (load both sides, compare, print
// JSON), beside the same run on two identical copies and svc-gen generating from the spec once.
// The spec comes from codegen.mjs's cache (.cache/bench/octokit/, fetched on demand).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fetchSpec, spec, time } from './codegen.mjs';
import { printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REMOVED = ['/repos/{owner}/{repo}/issues/{issue_number}/lock', 'put'];

export async function benchDiff({ quick = false } = {}) {
  fetchSpec();
  if (!existsSync(path.join(root, 'dist', 'generator', 'diff', 'cli.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const runs = quick ? 1 : 3;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'svc-gen-bench-diff-'));
  const doc = JSON.parse(readFileSync(spec, 'utf8'));
  delete doc.paths[REMOVED[0]][REMOVED[1]];
  const edited = path.join(tmp, 'api.github.com.json');
  writeFileSync(edited, JSON.stringify(doc));
  const cli = path.join(root, 'bin/svc-gen.js');
  const removed = [];
  const same = [];
  const generate = [];
  try {
    for (let i = 0; i < runs; i++) {
      removed.push(timeDiff(cli, spec, edited, 1, [`${REMOVED[1].toUpperCase()} ${REMOVED[0]}`]));
      same.push(timeDiff(cli, spec, spec, 0, []));
      generate.push(time('generate', [cli, spec, '--out', path.join(tmp, `out-${i}`), '--quiet']));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const row = (what, rs) => [what, spread(rs.map((r) => r.ms)), spread(rs.map((r) => r.rss))];
  printTable(
    `svc-gen diff: GitHub REST API spec vs itself, one CLI run in a fresh process, median (min–max) of ${runs}`,
    ['run', 'ms', 'peak RSS MiB'],
    [
      row(`diff, ${REMOVED[1].toUpperCase()} ${REMOVED[0]} removed (target <= 2000 ms)`, removed),
      row('diff, identical copies', same),
      row('generate (for scale)', generate),
    ],
  );
}

/** Wall time and peak RSS of `svc-gen diff … --json` in a fresh process; throws unless it exits `code` with `breaking` operations as expected. */
function timeDiff(cli, before, after, code, breaking) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(root, 'bench/lib/maxrss.mjs')).href, cli, 'diff', before, after, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const ops = run.status === code ? JSON.parse(run.stdout).breaking.map((c) => c.operation) : undefined;
  if (JSON.stringify(ops) !== JSON.stringify(breaking)) throw new Error(`svc-gen diff exited ${run.status}, breaking ${JSON.stringify(ops)}:\n${run.stderr}`);
  return { ms, rss: Number(/@@maxrss (\d+)/.exec(run.stderr)?.[1] ?? NaN) };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDiff({ quick: process.argv.includes('--quick') });
