/**
 * `svc-gen <path...> --out <dir> [--check] [--quiet]`: commander program → options → generate() →
 * report → exit code (returned, never exited: cli.ts does that). 0 ok, 1 check found drift,
 * 2 usage or input error, 3 internal error. Heavy modules (openapi-typescript, redocly) load only when generating.
 */
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import type { GenerateResult } from './generate.js';
import { formatProblem, isSvcGenInputError } from './errors.js';
import type { GenerateOptions } from './options.js';

/** Exit codes, by meaning. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3 } as const;

/** Where the CLI writes; injectable for tests. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIO: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

function program(io: CliIO): Command {
  return new Command('svc-gen')
    .description('Generate a typed client per service from OpenAPI specs (3.0, 3.1; Swagger 2.0 converted).')
    .argument('<path...>', 'spec files, or directories of specs (*.json|*.yaml|*.yml, or folders with an openapi.yaml entry)')
    .requiredOption('-o, --out <dir>', 'output directory (only files svc-gen generated are ever replaced or removed)')
    .option('--check', 'generate in memory and compare with --out; exit 1 listing stale, missing or extra files', false)
    .option('-q, --quiet', 'no per-service progress lines on stderr', false)
    .addHelpText('after', '\nExamples:\n  $ svc-gen specs/ --out clients\n  $ svc-gen specs/user.yaml specs/order --out src/clients\n  $ svc-gen specs/ --out clients --check   # in CI\n\nExit codes: 0 ok, 1 check failed, 2 bad input or usage, 3 internal error.\n')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run svc-gen --help for usage)');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    throw e;
  }
  const flags = cmd.opts<{ out: string; check: boolean; quiet: boolean }>();
  const options: GenerateOptions = { inputs: cmd.args, out: flags.out, check: flags.check };
  try {
    const { generate } = await import('./generate.js');
    const result = await generate(options);
    return report(result, flags.quiet, io);
  } catch (e) {
    if (isSvcGenInputError(e)) {
      for (const p of e.problems) io.stderr(`svc-gen: error: ${printable(formatProblem({ ...p, file: relative(p.file) }))}\n`);
      io.stderr('svc-gen: nothing was written\n');
      return EXIT.badInput;
    }
    io.stderr(`svc-gen: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

function report(result: GenerateResult, quiet: boolean, io: CliIO): number {
  if (!quiet) {
    for (const s of result.services) io.stderr(`${s.name.padEnd(24)} ${String(s.operations).padStart(4)} operations  ${Math.round(s.ms)} ms\n`);
  }
  for (const w of result.warnings) io.stderr(`svc-gen: warning: ${printable(w)}\n`);
  const check = result.check;
  if (!check) return EXIT.ok;
  if (check.upToDate) {
    if (!quiet) io.stderr(`svc-gen: ${result.options.out} is up to date\n`);
    return EXIT.ok;
  }
  for (const s of check.stale) io.stdout(`stale:   ${s.path}\n${indent(s.diff)}\n`);
  for (const p of check.missing) io.stdout(`missing: ${p}\n`);
  for (const p of check.extra) io.stdout(`extra:   ${p}\n`);
  io.stderr(`svc-gen: ${result.options.out} is out of date; run svc-gen without --check to regenerate\n`);
  return EXIT.checkFailed;
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

/** Spec text in messages must not drive the terminal: control characters are shown escaped. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Paths under the working directory are shown relative to it, as compilers do. */
function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
