/**
 * Compiles the consumer suite and the generated clients to JavaScript (TypeScript's transpiler)
 * in a folder beside the repo, so a test runner other than vitest can run it with `svc-gen/runtime`
 * and `svc-gen/testing` resolved to the built package (dist/, `npm run build`). Used by the
 * node:test and jest runs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { tsFiles } from '../generator/helpers/typecheck.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Transpiles the cases, `entry` (the runner's file, e.g. `consumer.node.ts`) and the clients into a fresh folder; returns the compiled entry. */
export function buildConsumer(entry: string, folder: string): string {
  const out = path.join(REPO, 'test', 'testing', 'out', folder);
  rmSync(out, { recursive: true, force: true });
  const here = path.join(REPO, 'test', 'testing');
  for (const file of [path.join(here, 'consumer-cases.ts'), path.join(here, entry), ...tsFiles(path.join(REPO, 'test', 'fixtures', 'consumer', 'clients'))]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const target = path.join(out, path.relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return path.join(out, 'test', 'testing', entry.replace(/\.ts$/, '.js'));
}

/** Removes a folder `buildConsumer` wrote. */
export function removeConsumer(folder: string): void {
  rmSync(path.join(REPO, 'test', 'testing', 'out', folder), { recursive: true, force: true });
}
