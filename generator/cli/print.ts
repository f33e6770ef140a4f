/**
 * Output for humans, on stderr (stdout carries only `--check`'s file list, or `--json`'s report):
 * one line per service, a summary, then warnings. Spec text is made printable first, so a spec
 * cannot drive the terminal.
 */

import { formatProblem, type InputProblem } from '../errors.js';
import type { GenerateResult } from '../generate.js';
import type { Colors } from './colors.js';
import { displayPath } from './report.js';

/** Where and how to print. */
export interface Printer {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly c: Colors;
  readonly cwd: string;
  readonly quiet: boolean;
}

/** `name   N operations   T ms` for each service (in `--watch`, only the ones regenerated). */
export function printServices(result: GenerateResult, p: Printer, onlyRegenerated = false): void {
  if (p.quiet) return;
  for (const s of result.services) {
    if (onlyRegenerated && s.reused) continue;
    p.stderr(`${p.c.bold(s.name.padEnd(24))} ${String(s.operations).padStart(4)} operations  ${p.c.dim(`${Math.round(s.ms)} ms`)}\n`);
  }
  if (onlyRegenerated) return;
  for (const f of result.shared)
    p.stderr(`${p.c.dim(`${printable(displayPath(f, p.cwd))}: shared file (no "openapi" or "swagger" at its top level), not a service`)}\n`);
}

/** The one-line summary of a write run. */
export function printWriteSummary(result: GenerateResult, p: Printer, prefix = ''): void {
  if (p.quiet) return;
  const out = displayPath(result.options.out, p.cwd);
  const ops = result.services.reduce((n, s) => n + s.operations, 0);
  const changed =
    result.written.length + result.removed.length === 0
      ? 'up to date, nothing written'
      : `${plural(result.written.length, 'file')} written${result.removed.length > 0 ? `, ${result.removed.length} removed` : ''}`;
  p.stderr(
    `${p.c.green('svc-gen:')} ${prefix}${plural(result.services.length, 'service')}, ${plural(ops, 'operation')} → ${out}: ${changed} ${p.c.dim(`(${Math.round(result.ms)} ms)`)}\n`,
  );
}

/**
 * `--check`'s verdict: the file list with short diffs on stdout, and on stderr a count and the
 * exact command that brings `out` up to date. Returns whether it was up to date.
 */
export function printCheck(result: GenerateResult, p: Printer, fixCommand: string): boolean {
  const check = result.check;
  if (!check) return true;
  const out = displayPath(result.options.out, p.cwd);
  if (check.upToDate) {
    if (!p.quiet)
      p.stderr(`${p.c.green('svc-gen:')} ${out} is up to date (${plural(result.services.length, 'service')}, ${plural(result.files.length, 'file')})\n`);
    return true;
  }
  for (const s of check.stale) p.stdout(`stale:   ${s.path}\n${indent(s.diff)}\n`);
  for (const f of check.missing) p.stdout(`missing: ${f}\n`);
  for (const f of check.extra) p.stdout(`extra:   ${f}\n`);
  const counts = [`${check.stale.length} stale`, `${check.missing.length} missing`, `${check.extra.length} extra`].join(', ');
  p.stderr(`${p.c.red('svc-gen:')} ${out} is out of date (${counts}); to update it, run:\n  ${p.c.bold(fixCommand)}\n`);
  return false;
}

/** Warnings, last, so they are not scrolled away by the service lines. */
export function printWarnings(warnings: readonly string[], p: Printer): void {
  for (const w of warnings) p.stderr(`${p.c.yellow('svc-gen: warning:')} ${printable(w)}\n`);
}

/** Input errors: `svc-gen: error: file:line:col (#pointer): reason`, one per problem. */
export function printProblems(problems: readonly InputProblem[], p: Printer): void {
  for (const problem of problems)
    p.stderr(`${p.c.red('svc-gen: error:')} ${printable(formatProblem({ ...problem, file: displayPath(problem.file, p.cwd) }))}\n`);
}

/**
 * The command that regenerates what a `--check` run compared: the same inputs, output, config and
 * runtime module, without `--check`. Values that came from the config file are left to it.
 */
export function regenerateCommand(parts: {
  readonly cwd: string;
  readonly config: { readonly file: string; readonly explicit: boolean } | undefined;
  readonly noConfig: boolean;
  readonly inputs: readonly string[] | undefined;
  readonly out: string | undefined;
  readonly runtimeModule: string | undefined;
  readonly refRoot?: string | undefined;
}): string {
  const args = ['npx', 'svc-gen'];
  if (parts.config?.explicit) args.push('--config', displayPath(parts.config.file, parts.cwd));
  if (parts.noConfig) args.push('--no-config');
  for (const input of parts.inputs ?? []) args.push(displayPath(input, parts.cwd));
  if (parts.out !== undefined) args.push('--out', displayPath(parts.out, parts.cwd));
  if (parts.runtimeModule !== undefined) args.push('--runtime-module', parts.runtimeModule);
  if (parts.refRoot !== undefined) args.push('--ref-root', parts.refRoot);
  return args.map(shellQuote).join(' ');
}

/** POSIX shell quoting, only when needed. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Spec text in messages must not drive the terminal: control characters are shown escaped. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
