// Codegen for many services: directories of 10, 40 and 160 small specs (the 3.0/3.1 JSON documents
// of @readme/oas-examples; 160 is the 40 four times under other names) in one svc-gen process, beside
// openapi-typescript's multi-API run (one redocly.yaml listing every API), alternating run by run.
// For 40 specs also: one thread vs workers, `--check` and a write with nothing changed (beside
// openapi-typescript), and the incremental table: one changed spec of 40
// (write and `--check`) against that service's own generation and a full run, and a write with
// nothing changed against `--check` with nothing changed. `node bench/many.mjs --incremental`
// runs only the incremental table.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { time } from './codegen.mjs';
import { median, printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.cache', 'bench', 'many');
const COUNT = 40;
const SIZES = [10, 40, 160];

/** The package's folder: the devDependency when installed, else fetched with npm pack into .cache. */
function examplesDir() {
  const installed = path.join(root, 'node_modules', '@readme', 'oas-examples');
  if (existsSync(installed)) return installed;
  const cache = path.join(root, '.cache', 'bench', 'oas-examples');
  if (!existsSync(path.join(cache, 'package'))) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', '@readme/oas-examples@8.2.2', '--silent', '--pack-destination', cache], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', path.join(cache, tgz), '-C', cache]);
  }
  return path.join(cache, 'package');
}

/** Can openapi-typescript type this document? (Its CLI stops the whole multi-API run on the first failure.) */
async function openapiTSAccepts(file) {
  const { default: openapiTS } = await import('openapi-typescript');
  try {
    await openapiTS(pathToFileURL(file), { silent: true });
    return true;
  } catch {
    return false;
  }
}

/** The first 40 documents (3.0 then 3.1, sorted) that both tools accept. */
async function pick() {
  const src = examplesDir();
  const picked = [];
  const skipped = [];
  for (const version of ['3.0', '3.1']) {
    for (const file of readdirSync(path.join(src, version, 'json'))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      if (picked.length >= COUNT) continue;
      if (await openapiTSAccepts(path.join(src, version, 'json', file))) picked.push(path.join(src, version, 'json', file));
      else skipped.push(`${version}/${file}`);
    }
  }
  if (skipped.length) console.log(`\n(many: skipped ${skipped.join(', ')}: openapi-typescript rejects them)`);
  return picked;
}

/** A folder `<work>/<n>/` with `n` specs (copies of `picked` under distinct names) and its redocly.yaml. */
function prepare(picked, n) {
  const dir = path.join(work, String(n));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'specs'), { recursive: true });
  const apis = [];
  for (let i = 0; i < n; i++) {
    const file = picked[i % picked.length];
    const round = Math.floor(i / picked.length);
    const name = `${round ? `r${round}-` : ''}v${path.basename(path.dirname(path.dirname(file))).replace('.', '')}-${path.basename(file, '.json')}`;
    copyFileSync(file, path.join(dir, 'specs', `${name}.json`));
    apis.push(`  ${name}:\n    root: ./specs/${name}.json\n    x-openapi-ts:\n      output: ./openapi-ts/${name}.ts\n`);
  }
  writeFileSync(path.join(dir, 'redocly.yaml'), `apis:\n${apis.join('')}`);
  return dir;
}

/** One svc-gen CLI run in `dir` with `env` added, into `dir/<out>`; `--check` may exit 1 (drift). */
const svcGen = (dir, extra = [], env = {}, out = 'clients') => {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return time('svc-gen', [path.join(root, 'bin/svc-gen.js'), 'specs', '--out', out, '--quiet', ...extra], dir, extra.includes('--check') ? [0, 1] : [0]);
  } finally {
    for (const k of Object.keys(env))
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
  }
};

/** Rewrites one spec with a changed description (an edit that changes that service's output); returns its path relative to `dir`. */
function touch(dir, i) {
  const rel = path.join('specs', readdirSync(path.join(dir, 'specs')).sort()[0]);
  const file = path.join(dir, rel);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.info = { ...doc.info, description: `edited ${i}` };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return rel;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/**
 * Incremental runs in `dir` (40 specs), alternating run by run: one spec changed, then `--check`
 * and a write (only that service is generated again); that service alone into an empty folder
 * (its own generation time, in a fresh process like the others); a full run into an empty folder;
 * then `--check` and a write with nothing changed. Prints its table.
 */
function benchIncremental(dir, n, { quick }) {
  const runs = quick ? 1 : 5;
  const r = { check1: [], write1: [], own: [], full: [], check0: [], write0: [] };
  const loadBefore = loadAverage();
  const run = (extra, out = 'clients') => svcGen(dir, extra, {}, out);
  rmSync(path.join(dir, 'clients'), { recursive: true, force: true });
  run([]);
  for (let i = 0; i < runs; i++) {
    const changed = touch(dir, `i${i}`);
    r.check1.push(run(['--check']));
    r.write1.push(run([]));
    rmSync(path.join(dir, 'own'), { recursive: true, force: true });
    r.own.push(time('svc-gen (one spec)', [path.join(root, 'bin/svc-gen.js'), changed, '--out', 'own', '--quiet'], dir));
    rmSync(path.join(dir, 'full'), { recursive: true, force: true });
    r.full.push(run([], 'full'));
    r.check0.push(run(['--check']));
    r.write0.push(run([]));
  }
  const m = (rs, k = 'ms') => median(rs.map((x) => x[k]));
  const signed = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(0)} ms`;
  const cells = (rs, base, alone = false) => [
    spread(rs.map((x) => x.ms)),
    `${(m(rs) / m(base)).toFixed(2)}x`,
    spread(rs.map((x) => x.cpu)),
    `${(m(rs, 'cpu') / m(base, 'cpu')).toFixed(2)}x`,
    alone ? `${signed(m(rs) - m(r.own))} wall, ${signed(m(rs, 'cpu') - m(r.own, 'cpu'))} CPU (goal ≤ +200 ms)` : '',
  ];
  printTable(
    `Incremental codegen, ${n} specs: \`node bench/many.mjs --incremental${quick ? ' --quick' : ''}\`, median (min–max) of ${runs} alternating runs, load average ${loadBefore} before, ${loadAverage()} after`,
    ['run', 'wall ms', 'wall ratio', 'CPU ms', 'CPU ratio', 'over the changed service alone'],
    [
      [`full run, ${n} specs (anchor)`, ...cells(r.full, r.full)],
      ['the changed service alone (one spec, empty out)', ...cells(r.own, r.full)],
      [`write, one changed of ${n}`, ...cells(r.write1, r.full, true)],
      [`--check, one changed of ${n}`, ...cells(r.check1, r.full, true)],
      ['--check, nothing changed (anchor of the next row)', ...cells(r.check0, r.check0)],
      ['write, nothing changed (goal: ≤ 1.00x of --check)', ...cells(r.write0, r.check0)],
    ],
  );
}

export async function benchMany({ quick = false } = {}) {
  const picked = await pick();
  const runs = (ms) => (quick ? 1 : ms < 1000 ? 5 : 3);
  const rows = [];
  const row = (label, rs, base, cpuBase) => [
    label,
    spread(rs.map((r) => r.ms)),
    `${(median(rs.map((r) => r.ms)) / base).toFixed(2)}x`,
    spread(rs.map((r) => r.cpu)),
    `${(median(rs.map((r) => r.cpu)) / cpuBase).toFixed(2)}x`,
    median(rs.map((r) => r.rss)).toFixed(0),
  ];
  for (const n of SIZES) {
    const dir = prepare(picked, n);
    const ot = [];
    const gen = [];
    const one = [];
    const check = [];
    const write = [];
    for (let i = 0; i < runs(2000); i++) {
      rmSync(path.join(dir, 'openapi-ts'), { recursive: true, force: true });
      rmSync(path.join(dir, 'clients'), { recursive: true, force: true });
      ot.push(time('openapi-typescript', [path.join(root, 'node_modules/openapi-typescript/bin/cli.js')], dir));
      gen.push(svcGen(dir));
      if (n !== COUNT) continue;
      rmSync(path.join(dir, 'clients'), { recursive: true, force: true });
      one.push(svcGen(dir, [], { SVCGEN_WORKERS: '0' }));
    }
    const base = median(ot.map((r) => r.ms));
    const cpuBase = median(ot.map((r) => r.cpu));
    rows.push([`${n} specs: openapi-typescript 7.13.0 (redocly.yaml apis)`, ...row('', ot, base, cpuBase).slice(1)]);
    rows.push([`${n} specs: svc-gen (types + clients)`, ...row('', gen, base, cpuBase).slice(1)]);
    if (n !== COUNT) continue;
    rows.push([`${n} specs: svc-gen, one thread (SVCGEN_WORKERS=0)`, ...row('', one, base, cpuBase).slice(1)]);
    for (let i = 0; i < runs(500); i++) {
      check.push(svcGen(dir, ['--check']));
      write.push(svcGen(dir));
    }
    rows.push([`${n} specs: svc-gen --check, nothing changed`, ...row('', check, base, cpuBase).slice(1)]);
    rows.push([`${n} specs: svc-gen write, nothing changed`, ...row('', write, base, cpuBase).slice(1)]);
  }
  printTable(
    `Codegen: many small specs (@readme/oas-examples 3.0/3.1) in one process, median (min–max); 3 runs, 5 for rows under 1 s${quick ? ' (--quick: 1)' : ''}`,
    ['run', 'wall ms', 'vs openapi-typescript (same N)', 'CPU ms', 'CPU vs openapi-typescript', 'peak RSS MiB'],
    rows,
  );
  benchIncremental(path.join(work, String(COUNT)), COUNT, { quick });
}

/** Only the incremental table (its own 40-spec folder). */
export async function benchManyIncremental({ quick = false } = {}) {
  const dir = prepare(await pick(), COUNT);
  benchIncremental(dir, COUNT, { quick });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  console.log(`# ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadAverage()}`);
  if (process.argv.includes('--incremental')) await benchManyIncremental({ quick });
  else await benchMany({ quick });
}
