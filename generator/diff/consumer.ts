/**
 * `--consumer <tsconfig.json>`: which of the consumer's calls stop compiling. The consumer project
 * is type-checked twice with the TypeScript compiler API: as it is, and with its clients folder
 * replaced (through the compiler host, see consumer-host.ts) by clients generated from the new
 * specs into a temporary folder. Diagnostics only the second run has are tied to the breaking
 * changes through the method name of the call they sit in.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { inputError } from '../errors.js';
import { generate } from '../generate.js';
import type { Change } from './change-types.js';
import { isUnder, redirectingHost } from './consumer-host.js';
import { label, methodName, operationsOf } from './match.js';

type Json = Record<string, unknown>;

/** What the consumer check needs. */
export interface ConsumerCheck {
  /** The consumer's tsconfig.json. */
  readonly tsconfig: string;
  /** The consumer's generated clients folder (svc-gen's `--out` there). */
  readonly clients: string;
  /** Spec path of the new side (a file or folder on disk). */
  readonly newSpecs: string;
  /** The new side's `$ref` boundary (a git side's extracted tree); undefined for the loader's default. */
  readonly refRoot: string | undefined;
  /** The old side's documents by service, to name the method each operation had. */
  readonly oldServices: ReadonlyMap<string, Json>;
  /** Paths in the result are relative to this. */
  readonly cwd: string;
}

/** Call sites (`file:line`) per breaking change, and those tied to none. */
export interface CallSites {
  readonly byChange: ReadonlyMap<Change, readonly string[]>;
  readonly other: readonly string[];
}

/** Type-checks the consumer against clients generated from the new specs; see the file comment. */
export async function consumerCallSites(check: ConsumerCheck, breaking: readonly Change[]): Promise<CallSites> {
  const config = parseTsconfig(check.tsconfig);
  const temp = mkdtempSync(path.join(tmpdir(), 'svc-gen-consumer-'));
  try {
    await generate({
      inputs: [check.newSpecs],
      out: temp,
      runtimeModule: runtimeModuleOf(check.clients),
      cwd: check.cwd,
      ...(check.refRoot !== undefined ? { refRoot: check.refRoot } : {}),
    });
    const before = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences ?? [] });
    const known = new Set(diagnosticsOf(before).map(diagKey));
    const host = redirectingHost(config.options, check.clients, temp);
    const roots = config.fileNames.filter((f) => !isUnder(check.clients, f) || host.fileExists(f));
    const after = ts.createProgram({ rootNames: roots, options: config.options, host, oldProgram: before });
    const fresh = diagnosticsOf(after).filter((d) => !known.has(diagKey(d)) && d.file && !isUnder(check.clients, d.file.fileName));
    return attribute(fresh, breaking, check, after.getTypeChecker());
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function parseTsconfig(file: string): ts.ParsedCommandLine {
  let problem: string | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => (problem = ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.resolve(file), {}, host);
  if (!parsed || problem !== undefined) throw inputError('SVCGEN_PATH_NOT_FOUND', file, `cannot read the consumer's tsconfig: ${problem ?? 'unknown error'}`);
  return { ...parsed, options: { ...parsed.options, noEmit: true } };
}

/** The runtime specifier the consumer's clients import, so the regenerated ones import the same. */
function runtimeModuleOf(clients: string): string {
  let files: string[] = [];
  try {
    files = readdirSync(clients, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('client.ts'));
  } catch {
    throw inputError('SVCGEN_PATH_NOT_FOUND', clients, "the consumer's clients folder does not exist (give --clients <dir>)");
  }
  for (const f of files) {
    const m = /import \{ getService as \$getService \} from ('[^']*'|"[^"]*")/.exec(readFileSync(path.join(clients, f), 'utf8'));
    if (m?.[1]) return JSON.parse(m[1].startsWith("'") ? `"${m[1].slice(1, -1)}"` : m[1]) as string;
  }
  return 'svc-gen/runtime';
}

function diagnosticsOf(program: ts.Program): ts.Diagnostic[] {
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
}

/** A diagnostic by place and text (the same error before and after is not new). */
function diagKey(d: ts.Diagnostic): string {
  return `${d.file?.fileName ?? ''}:${d.start ?? -1}:${d.code}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
}

/** Ties each new diagnostic to the breaking changes of the method called where it is. */
function attribute(diagnostics: readonly ts.Diagnostic[], breaking: readonly Change[], check: ConsumerCheck, checker: ts.TypeChecker): CallSites {
  const byMethod = new Map<string, Change[]>();
  for (const c of breaking) {
    const name = oldMethodName(c, check.oldServices);
    if (name !== undefined) byMethod.set(name, [...(byMethod.get(name) ?? []), c]);
  }
  const byChange = new Map<Change, string[]>();
  const other: string[] = [];
  for (const d of diagnostics) {
    const file = d.file as ts.SourceFile;
    const site = `${path.relative(check.cwd, file.fileName).split(path.sep).join('/')}:${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`;
    const changes = calledMethods(file, d.start ?? 0, checker)
      .map((m) => byMethod.get(m))
      .find((cs) => cs !== undefined);
    if (!changes) {
      if (!other.includes(site)) other.push(site);
      continue;
    }
    for (const c of changes) {
      const list = byChange.get(c) ?? [];
      if (!list.includes(site)) list.push(site);
      byChange.set(c, list);
    }
  }
  return { byChange, other };
}

/** The client method name the changed operation had in the old spec. */
function oldMethodName(c: Change, oldServices: ReadonlyMap<string, Json>): string | undefined {
  if (c.operation === null) return undefined;
  const doc = oldServices.get(c.service) ?? (oldServices.size === 1 ? [...oldServices.values()][0] : undefined);
  const op = doc ? operationsOf(doc).find((o) => label(o) === c.operation) : undefined;
  return op ? methodName(op) : undefined;
}

/**
 * Names of the methods called around `pos`, innermost first (`x.getUser(…)` → getUser). Outside
 * any call (`user.name` after `const user = await x.getUser(…)`), the calls that initialised the
 * variable the expression starts from.
 */
function calledMethods(file: ts.SourceFile, pos: number, checker: ts.TypeChecker): string[] {
  const names: string[] = [];
  let innermost: ts.Node = file;
  const visit = (node: ts.Node): void => {
    if (pos < node.getStart(file) || pos >= node.getEnd()) return;
    innermost = node;
    const name = calleeName(node);
    if (name !== undefined) names.unshift(name);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (names.length > 0) return names;
  let root: ts.Node = innermost;
  while (ts.isPropertyAccessExpression(root.parent) || ts.isElementAccessExpression(root.parent)) root = root.parent;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
  const decl = ts.isIdentifier(root) ? checker.getSymbolAtLocation(root)?.valueDeclaration : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return [];
  const found: string[] = [];
  const collect = (node: ts.Node): void => {
    const name = calleeName(node);
    if (name !== undefined) found.push(name);
    ts.forEachChild(node, collect);
  };
  collect(decl.initializer);
  return found;
}

/** `getUser` for a call `x.getUser(…)` or `getUser(…)`. */
function calleeName(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
}
