// Builds the runtime twice with tsc: ESM into dist/esm, CommonJS into dist/cjs, each with its
// declarations. The CommonJS build compiles a copy of the sources in a folder whose package.json
// says "commonjs" (tsc's NodeNext then emits require() and keeps import() for ESM-only jose),
// with each `x-cjs.cts` in place of `x.ts` (today only here.ts: import.meta does not parse in CJS).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (project) => execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });

rmSync(dist, { recursive: true, force: true });
run(path.join(here, 'tsconfig.json'));
writeFileSync(path.join(dist, 'esm/package.json'), '{ "type": "module" }\n');

const copy = path.join(dist, '.cjs-src');
for (const entry of readdirSync(here)) {
  if (entry === 'dist' || entry === 'node_modules' || !/\.c?ts$|^[a-z]+$/.test(entry)) continue;
  cpSync(path.join(here, entry), path.join(copy, entry), { recursive: true });
}
for (const file of readdirSync(copy, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-cjs.cts'))) {
  renameSync(path.join(copy, file), path.join(copy, file.replace(/-cjs\.cts$/, '.ts')));
}
writeFileSync(path.join(copy, 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(
  path.join(copy, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.json',
    // verbatimModuleSyntax forbids import statements in CommonJS files; tsc rewrites them here.
    compilerOptions: { rootDir: '.', outDir: '../cjs', verbatimModuleSyntax: false },
    include: ['**/*.ts'],
    exclude: [],
  }),
);
try {
  run(path.join(copy, 'tsconfig.json'));
} finally {
  rmSync(copy, { recursive: true, force: true });
}
writeFileSync(path.join(dist, 'cjs/package.json'), '{ "type": "commonjs" }\n');
