/**
 * The same consumer suite under node:test, proving the fakes need no test framework: the suite
 * and the generated clients are compiled to JavaScript (TypeScript's transpiler) beside the repo,
 * so `svc-gen/runtime` and `svc-gen/testing` resolve to the built package (dist/, `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';
import { tsFiles } from '../generator/helpers/typecheck.js';
import { cases } from './consumer-cases.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const OUT = path.join(REPO, 'test', 'testing', 'out', `node-${process.pid}`);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function transpile(file: string): void {
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  const target = path.join(OUT, path.relative(REPO, file)).replace(/\.ts$/, '.js');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, outputText);
}

it('runs every consumer case under node:test', () => {
  const here = path.join(REPO, 'test', 'testing');
  for (const file of [
    path.join(here, 'consumer-cases.ts'),
    path.join(here, 'consumer.node.ts'),
    ...tsFiles(path.join(REPO, 'test', 'fixtures', 'consumer', 'clients')),
  ])
    transpile(file);
  const child = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path.join(OUT, 'test', 'testing', 'consumer.node.js')], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.status, child.stdout + child.stderr).toBe(0);
  const count = Object.keys(cases).length;
  expect(child.stdout).toContain(`# pass ${count}`);
  expect(child.stdout).toContain('# fail 0');
});
