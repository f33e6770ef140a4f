// Type-check cost: `tsc --noEmit` (TypeScript 5.9) on a small project that imports the generated
// GitHub client and makes one typed call, beside the same project on openapi-typescript's types with
// plain openapi-fetch, and an empty project. Then: does the svc-gen output compile with TypeScript 7
// (fetched on demand into .cache/), and how long does that take.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchSpec, spec } from './codegen.mjs';
import { median, printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.cache', 'bench', 'typecheck');
const ts7Dir = path.join(root, '.cache', 'bench', 'ts7');
const TSC5 = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // the svc-gen project resolves the runtime from the repo's built types
    paths: {
      'svc-gen/runtime': [path.join(root, 'dist', 'generator', 'runtime.d.ts')],
      '@svc-gen/runtime': [path.join(root, 'runtime', 'dist', 'esm', 'index.d.ts')],
      'svc-gen/testing': [path.join(root, 'dist', 'generator', 'testing.d.ts')],
    },
  },
  include: ['main.ts'],
};

const PROJECTS = {
  empty: { 'main.ts': 'export const x: number = 1;\n' },
  'openapi-typescript + openapi-fetch': {
    'main.ts': `import createClient from 'openapi-fetch';
import type { paths } from './github.js';
const client = createClient<paths>({ baseUrl: 'https://api.github.com' });
export const repo = client.GET('/repos/{owner}/{repo}', { params: { path: { owner: 'o', repo: 'r' } } }).then((r) => r.data?.full_name);
`,
  },
  'svc-gen client': {
    'main.ts': `import { getService } from './clients/index.js';
export const repo = getService('api-github-com').reposGet({ path: { owner: 'o', repo: 'r' } }).then((r) => r.full_name);
`,
  },
};

function setup() {
  rmSync(work, { recursive: true, force: true });
  for (const [name, files] of Object.entries(PROJECTS)) {
    const dir = path.join(work, name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    execFileSync('ln', ['-s', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  }
  const otDir = path.join(work, 'openapi-typescript-openapi-fetch');
  execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', path.join(otDir, 'github.ts')], {
    stdio: 'ignore',
  });
  execFileSync(process.execPath, [path.join(root, 'bin/svc-gen.js'), spec, '--out', path.join(work, 'svc-gen-client', 'clients'), '--quiet']);
}

/** TypeScript 7 (the native compiler), installed on demand into .cache/bench/ts7. */
function ts7() {
  const bin = path.join(ts7Dir, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(bin)) {
    mkdirSync(ts7Dir, { recursive: true });
    const install = spawnSync('npm', ['install', '--no-save', '--prefix', ts7Dir, 'typescript@7'], { encoding: 'utf8' });
    if (install.status !== 0) return { error: `not runnable here: ${install.stderr.trim().split('\n').pop()}` };
  }
  return { bin };
}

function tsc(bin, dir) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, '-p', dir], { encoding: 'utf8' });
  return { ms: performance.now() - started, ok: run.status === 0, out: `${run.stdout}${run.stderr}`.trim().split('\n').slice(0, 5).join('\n') };
}

export async function benchTypecheck({ quick = false } = {}) {
  fetchSpec();
  setup();
  const runs = quick ? 1 : 3;
  const results = {};
  for (let i = 0; i < runs; i++) {
    for (const name of Object.keys(PROJECTS)) (results[name] ??= []).push(tsc(TSC5, path.join(work, name.replace(/\W+/g, '-'))));
  }
  const base = median(results['openapi-typescript + openapi-fetch'].map((r) => r.ms));
  const rows = Object.entries(results).map(([name, rs]) => [
    `TypeScript 5.9: ${name}`,
    rs.every((r) => r.ok) ? 'yes' : `NO: ${rs[0].out}`,
    spread(rs.map((r) => r.ms)),
    `${(median(rs.map((r) => r.ms)) / base).toFixed(2)}x`,
  ]);
  const seven = ts7();
  if (seven.error) rows.push(['TypeScript 7: svc-gen client', seven.error, '-', '-']);
  else {
    const r = tsc(seven.bin, path.join(work, 'svc-gen-client'));
    rows.push(['TypeScript 7: svc-gen client', r.ok ? 'yes' : `NO: ${r.out}`, r.ms.toFixed(0), `${(r.ms / base).toFixed(2)}x`]);
  }
  printTable(
    `Type-check: tsc --noEmit of a one-call project on the GitHub API, median (min–max) of ${runs}`,
    ['project', 'compiles', 'ms', 'vs openapi-typescript + openapi-fetch'],
    rows,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchTypecheck({ quick: process.argv.includes('--quick') });
