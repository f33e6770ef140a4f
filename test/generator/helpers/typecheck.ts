/**
 * Type-checks generated code with the repo's TypeScript (5.9) in one program, under the strictest
 * flags consumers use (or a lax set), resolving `@svc-gen/runtime` (and `svc-gen/runtime`) to runtime/index.ts.
 * Only diagnostics in files under `dir` are returned: the runtime has its own checks.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Compiler options for generated code: strict + noUncheckedIndexedAccess + exactOptionalPropertyTypes. */
export const STRICT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  typeRoots: [path.join(REPO, 'node_modules/@types')],
  paths: {
    'svc-gen/runtime': [path.join(REPO, 'runtime/index.ts')],
    '@svc-gen/runtime': [path.join(REPO, 'runtime/index.ts')],
    'svc-gen/testing': [path.join(REPO, 'runtime/testing/index.ts')],
    '@svc-gen/runtime/testing': [path.join(REPO, 'runtime/testing/index.ts')],
  },
};

/** A consumer without `strict`: generated code must work there too. */
export const LAX: ts.CompilerOptions = {
  ...STRICT,
  strict: false,
  noUncheckedIndexedAccess: false,
  exactOptionalPropertyTypes: false,
  noUnusedLocals: false,
  noUnusedParameters: false,
};

/** Every `.ts` file under `dir`, recursively. */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** One diagnostic, formatted `file:line: TSxxxx message` with `file` relative to `dir`. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: number;
  readonly text: string;
}

/** Type-checks every `.ts` under `dir` (made an ES module package) and returns its diagnostics. */
export function typecheck(dir: string, options: ts.CompilerOptions = STRICT): Diagnostic[] {
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const program = ts.createProgram(tsFiles(dir), options);
  const out: Diagnostic[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '';
    if (d.file && !path.resolve(file).startsWith(path.resolve(dir) + path.sep)) continue;
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    out.push({ file: path.relative(dir, file), line, code: d.code, text: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
  }
  return out;
}

/** Diagnostics as readable lines, for assertion messages. */
export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.file}:${d.line}: TS${d.code} ${d.text.split('\n')[0]}`).join('\n');
}
