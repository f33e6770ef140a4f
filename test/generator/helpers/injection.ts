/**
 * Checks for generated code that must stay inert: an AST scan for code a spec could inject, the
 * file's text minus comments and strings, the import of transpiled clients in a fresh process
 * (test/fixtures/hardening/import-clients.mjs), and an independent statement of the path rule.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, startNode } from './processes.js';

/**
 * bench/lib/build-clients.mjs: generates with the built package (`svc-gen`, i.e. dist/) and
 * transpiles every `.ts` to `.js` beside it, so a plain node process can import the clients.
 */
export async function buildClients(inputs: readonly string[], out: string): Promise<void> {
  const url = pathToFileURL(path.join(ROOT, 'bench/lib/build-clients.mjs')).href;
  const mod = (await import(url)) as { buildClients: (inputs: readonly string[], out: string) => Promise<void> };
  await mod.buildClients(inputs, out);
}

/** Identifiers, template literals and assignments in `text`: generated code has none a spec could put there. */
export function injectedCode(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && /^(pwned|globalThis)$/.test(node.text)) found.push(`identifier ${node.text}`);
    if (ts.isTemplateLiteral(node)) found.push('template literal');
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) found.push('assignment');
    ts.forEachChild(node, visit);
  };
  visit(source);
  const syntax = ts.transpileModule(text, {
    reportDiagnostics: true,
    // A declaration file is parsed like a module (transpiling it as `.d.ts` emits nothing and throws).
    fileName: file.replace(/\.d\.ts$/, '.ts'),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  for (const d of syntax.diagnostics ?? []) found.push(`syntax: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  return found;
}

/** The file's tokens minus comments and string literals, joined: what a payload would have to reach. */
export function codeOnly(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const parts: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia || kind === ts.SyntaxKind.StringLiteral) continue;
    parts.push(scanner.getTokenText());
  }
  return parts.join('');
}

/** What the child reports: what importing changed, what the calls changed, each call's outcome. */
export interface ImportReport {
  readonly afterImport: { globals: Change; files: Change; prototype: Change };
  readonly afterCalls: { globals: Change; files: Change };
  readonly results: readonly ({ ok: true } | { ok: false; error: string })[];
  readonly pwned: unknown;
}
interface Change {
  added: string[];
  removed: string[];
}

/** The plan the child runs: see test/fixtures/hardening/import-clients.mjs. */
export interface ImportPlan {
  readonly url: string;
  /** Folders whose listing must not change (recursively, or just their entries). */
  readonly watch: readonly { dir: string; recursive: boolean }[];
  readonly modules: readonly { file: string; service: string; calls: readonly { method: string; params?: unknown }[] }[];
}

/**
 * Runs the plan in a fresh `node` whose working directory is `cwd` (watch it too, to see files
 * dropped there). Asynchronous: the test's server answers the child's calls meanwhile.
 */
export async function childImport(cwd: string, plan: ImportPlan): Promise<ImportReport> {
  const planFile = path.join(cwd, `import-plan-${process.pid}.json`);
  writeFileSync(planFile, JSON.stringify(plan)); // before the child's first listing: not a change
  const script = fileURLToPath(new URL('../../fixtures/hardening/import-clients.mjs', import.meta.url));
  const exit = await startNode([script, planFile], { cwd }).done;
  if (exit.code !== 0) throw new Error(`import-clients exited ${exit.code}:\n${exit.stderr}`);
  return JSON.parse(exit.stdout) as ImportReport;
}

/**
 * The path rule, stated independently of generator/model/wire-path.ts: static text is kept where
 * a URL path may hold it (RFC 3986 pchar and `/`, and `%XX`), anything else percent-encoded as
 * UTF-8 (U+FFFD for a lone surrogate); `{name}` is filled with encodeURIComponent(value).
 */
export function wirePath(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{[^{}]+\})/)
    .map((part, i) => {
      if (i % 2 === 1) return encodeURIComponent(values[part.slice(1, -1)] ?? '');
      return [...part]
        .map((ch, j, all) => {
          if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(ch)) return ch;
          if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test((all[j + 1] ?? '') + (all[j + 2] ?? ''))) return ch;
          try {
            return encodeURIComponent(ch);
          } catch {
            return '%EF%BF%BD';
          }
        })
        .join('');
    })
    .join('');
}
