// Codegen for many services: a directory of 40 small specs (the 3.0/3.1 JSON documents of
// @readme/oas-examples) in one svc-gen process, beside openapi-typescript's multi-API run (one
// redocly.yaml listing every API), and `svc-gen --check` on that directory when nothing changed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { time } from './codegen.mjs';
import { median, printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.cache', 'bench', 'many');
const COUNT = 40;

/** The package's folder: the devDependency when installed, else fetched with npm pack into .cache. */
function examplesDir() {
  const installed = path.join(root, 'node_modules', '@readme', 'oas-examples');
  if (existsSync(installed)) return installed;
  const cache = path.join(root, '.cache', 'bench', 'oas-examples');
  if (!existsSync(path.join(cache, 'package'))) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', '@readme/oas-examples@8.2.2', '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop();
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

/** Copy the first 40 documents (3.0 then 3.1, sorted) that both tools accept into one folder, and write the redocly.yaml. */
async function prepare() {
  const src = examplesDir();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'specs'), { recursive: true });
  const picked = [];
  const skipped = [];
  for (const version of ['3.0', '3.1']) {
    for (const file of readdirSync(path.join(src, version, 'json')).filter((f) => f.endsWith('.json')).sort()) {
      if (picked.length >= COUNT) continue;
      if (await openapiTSAccepts(path.join(src, version, 'json', file))) picked.push([version, file]);
      else skipped.push(`${version}/${file}`);
    }
  }
  const apis = [];
  for (const [version, file] of picked) {
    const name = `v${version.replace('.', '')}-${file.replace(/\.json$/, '')}`;
    copyFileSync(path.join(src, version, 'json', file), path.join(work, 'specs', `${name}.json`));
    apis.push(`  ${name}:\n    root: ./specs/${name}.json\n    x-openapi-ts:\n      output: ./openapi-ts/${name}.ts\n`);
  }
  writeFileSync(path.join(work, 'redocly.yaml'), `apis:\n${apis.join('')}`);
  if (skipped.length) console.log(`\n(many: skipped ${skipped.join(', ')}: openapi-typescript rejects them)`);
  return picked.length;
}

export async function benchMany({ quick = false } = {}) {
  const count = await prepare();
  const runs = quick ? 1 : 3;
  const ot = [];
  const gen = [];
  const check = [];
  for (let i = 0; i < runs; i++) {
    rmSync(path.join(work, 'openapi-ts'), { recursive: true, force: true });
    rmSync(path.join(work, 'clients'), { recursive: true, force: true });
    ot.push(time('openapi-typescript', [path.join(root, 'node_modules/openapi-typescript/bin/cli.js')], work));
    gen.push(time('svc-gen', [path.join(root, 'bin/svc-gen.js'), 'specs', '--out', 'clients', '--quiet'], work));
    check.push(time('svc-gen --check', [path.join(root, 'bin/svc-gen.js'), 'specs', '--out', 'clients', '--check', '--quiet'], work));
  }
  const base = median(ot.map((r) => r.ms));
  const row = (tool, rs) => [tool, spread(rs.map((r) => r.ms)), `${(median(rs.map((r) => r.ms)) / base).toFixed(2)}x`, median(rs.map((r) => r.rss)).toFixed(0)];
  printTable(`Codegen: ${count} small specs (@readme/oas-examples 3.0/3.1) in one process, median (min–max) of ${runs}`, ['run', 'ms', 'vs openapi-typescript', 'peak RSS MiB'], [
    row('openapi-typescript 7.13.0 (redocly.yaml apis)', ot),
    row('svc-gen (types + clients)', gen),
    row('svc-gen --check, nothing changed', check),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchMany({ quick: process.argv.includes('--quick') });
