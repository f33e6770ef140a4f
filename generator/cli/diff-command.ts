/**
 * `svc-gen diff <old> <new> [--json] [--format text|markdown|json] [--consumer <tsconfig.json>]`:
 * its own commander program, reached from run-cli.ts when the first argument is `diff`.
 * Exit 0 without breaking changes, 1 with, 2 for bad input or usage, 3 internal error.
 */

import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { diffReport } from '../diff/diff-report.js';
import { formatReport, type ReportFormat } from '../diff/report-format.js';
import { formatProblem, isSvcGenInputError } from '../errors.js';

/** Where the command writes and runs (run-cli.ts's CliIO). */
export interface DiffIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd?: string;
}

interface DiffFlags {
  json?: boolean;
  format?: ReportFormat;
  consumer?: string;
  clients?: string;
}

const HELP_AFTER = `
Sides: a spec file, a folder of specs (services matched by name), or git:<rev>:<path> (read
from the repository with git archive, nothing checked out), e.g. git:origin/main:specs/.

Examples:
  $ svc-gen diff old/user.yaml specs/user.yaml
  $ svc-gen diff git:origin/main:specs/ specs/ --format markdown > comment.md
  $ svc-gen diff git:HEAD:specs/ specs/ --consumer tsconfig.json --clients src/clients

Exit codes: 0 no breaking change, 1 breaking changes, 2 bad input or usage, 3 internal error.
`;

function program(io: DiffIO): Command {
  return new Command('svc-gen diff')
    .description("Report what changed between two versions of the specs, classified from the client's side.")
    .argument('<old>', 'old side: spec file, folder, or git:<rev>:<path>')
    .argument('<new>', 'new side: spec file, folder, or git:<rev>:<path>')
    .option('--json', 'print { breaking, nonBreaking, warnings } as JSON (same as --format json)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown', 'json']))
    .option('--consumer <tsconfig>', 'type-check this project against clients regenerated from <new>; list the calls that stop compiling')
    .option('--clients <dir>', 'with --consumer: the project\'s generated clients folder (default: "out" of its svc-gen config)')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

/** Runs `svc-gen diff …` (argv without `diff`); returns the exit code. */
export async function runDiffCli(argv: readonly string[], io: DiffIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return e.exitCode === 0 ? 0 : 2;
  }
  const flags = cmd.opts<DiffFlags>();
  const [oldArg, newArg] = cmd.args as [string, string];
  const format: ReportFormat = flags.format ?? (flags.json ? 'json' : 'text');
  try {
    const report = await diffReport(oldArg, newArg, { cwd, consumer: flags.consumer, clients: flags.clients });
    io.stdout(formatReport(report, format));
    return report.breaking.length > 0 ? 1 : 0;
  } catch (e) {
    if (isSvcGenInputError(e)) {
      for (const p of e.problems) io.stderr(`svc-gen diff: error: ${formatProblem({ ...p, file: displayPath(p.file, cwd) })}\n`);
      return 2;
    }
    io.stderr(`svc-gen diff: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 3;
  }
}

function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
