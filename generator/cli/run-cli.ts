/**
 * `svc-gen [path...] [--out <dir>] [--config <file>] [--check | --watch] [--json] [--quiet]`:
 * commander program → config file + flags → options → generate() → report → exit code (returned,
 * never exited: cli.ts does that). 0 ok, 1 check found drift, 2 usage or input error, 3 internal
 * error. Heavy modules (openapi-typescript, redocly) load only when generating.
 */
import { performance } from 'node:perf_hooks';
import { Command, CommanderError, Option } from 'commander';
import { type LoadedConfig, loadConfig } from '../config/config.js';
import { type CliOptions, mergeConfig, type ResolvedOptions, resolveOptions } from '../config/options.js';
import { type InputProblem, isSvcGenInputError } from '../errors.js';
import type { GenerateResult } from '../generate.js';
import { generatorVersion } from '../util/package-info.js';
import type { CliIO } from './cli-io.js';
import { colors, useColor } from './colors.js';
import { type Printer, printCheck, printProblems, printServices, printWarnings, printWriteSummary, regenerateCommand } from './print.js';
import { displayPath, type JsonError, jsonError, jsonErrorReport, jsonReport, type ReportContext } from './report.js';
import type { WatchRun } from './watch.js';

export type { CliIO } from './cli-io.js';

/** Exit codes, by meaning. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3 } as const;

const defaultIO: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

interface Flags {
  out?: string;
  config?: string | false;
  check: boolean;
  watch: boolean;
  json: boolean;
  quiet: boolean;
  runtimeModule?: string;
  breakingAgainst?: string;
  refRoot?: string;
}

/** Commander leaves unset switches undefined (so --help shows no "(default: false)"). */
function readFlags(cmd: Command): Flags {
  const o = cmd.opts<Partial<Flags>>();
  return { ...o, check: o.check === true, watch: o.watch === true, json: o.json === true, quiet: o.quiet === true };
}

const HELP_AFTER = `
Config file:
  svc-gen.config.json (or .mjs / .ts) in the working directory, or --config <file>:
  { "inputs": ["specs"], "out": "clients",
    "services": { "device-auth": { "spec": "mender/deviceauth/management_v2.yaml",
                                   "operationIds": ["login"], "retryCount": 3, "timeout": 2000 } } }
  Arguments and flags override the file; unknown keys are errors.

Examples:
  $ svc-gen specs/ --out clients
  $ svc-gen specs/user.yaml specs/order --out src/clients
  $ svc-gen specs/ --out clients --check   # in CI
  $ svc-gen --watch                        # with a config file
  $ svc-gen --check --json > report.json
  $ svc-gen diff git:origin/main:specs/ specs/ --format markdown   # breaking changes (svc-gen diff --help)

Exit codes: 0 ok, 1 check failed, 2 bad input or usage, 3 internal error.
`;

function program(io: CliIO): Command {
  return new Command('svc-gen')
    .description('Generate a typed client per service from OpenAPI specs (3.0, 3.1; Swagger 2.0 converted).')
    .version(generatorVersion(), '-V, --version', 'print the svc-gen version')
    .argument(
      '[path...]',
      'spec files, or directories of specs (*.json|*.yaml|*.yml, or folders with an openapi.yaml entry); overrides "inputs" of the config file',
    )
    .option('-o, --out <dir>', 'output directory (only files svc-gen generated are ever replaced or removed); overrides "out"')
    .option('-c, --config <file>', 'config file (default: svc-gen.config.json, .mjs or .ts in the working directory)')
    .option('--no-config', 'ignore any config file')
    .option('--check', 'generate in memory and compare with --out; exit 1 listing stale, missing or extra files')
    .addOption(new Option('-w, --watch', 'regenerate the services whose spec files (or files they $ref) change; Ctrl-C to stop').conflicts('check'))
    .option('--json', 'print a machine-readable report on stdout (one line per run with --watch)')
    .option(
      '--ref-root <dir>',
      'folder $refs may read from (default: the repository holding each spec, i.e. the nearest folder with .git, else the spec\'s folder); overrides "refRoot"',
    )
    .option('--runtime-module <specifier>', 'module the generated clients import the runtime from (default: @svc-gen/runtime)')
    .option('--breaking-against <git-rev>', 'with --check: also fail on breaking spec changes since <git-rev> (as svc-gen diff git:<rev>:<path> <path>)')
    .option('-q, --quiet', 'no per-service lines or summary on stderr (warnings and errors still)')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run svc-gen --help for usage)');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  if (argv[0] === 'fake') return (await import('./fake-command.js')).runFake(argv.slice(1), io);
  if (argv[0] === 'diff') return (await import('./diff-command.js')).runDiffCli(argv.slice(1), io);
  const started = performance.now();
  const cwd = io.cwd ?? process.cwd();
  const cmd = program(io);
  const wantsJson = argv.includes('--json');
  const ctx: { -readonly [K in keyof ReportContext]: ReportContext[K] } = {
    cwd,
    mode: argv.includes('--check') ? 'check' : 'write',
    out: undefined,
    config: undefined,
    fixCommand: undefined,
  };
  const json = (text: string) => io.stdout(text);
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.exitCode === 0) return EXIT.ok;
    if (wantsJson) json(`${JSON.stringify(jsonErrorReport([usageError(e.message)], EXIT.badInput, ctx, 0), null, 2)}\n`);
    return EXIT.badInput;
  }
  const flags = readFlags(cmd);
  ctx.mode = flags.check ? 'check' : 'write';
  const p: Printer = { stdout: io.stdout, stderr: io.stderr, c: colors(io.color ?? useColor(process.stderr)), cwd, quiet: flags.quiet };
  const cli: CliOptions = { inputs: cmd.args, out: flags.out, check: flags.check, runtimeModule: flags.runtimeModule, refRoot: flags.refRoot };

  /** Config + flags → options; throws input errors (config problems) and usage errors. */
  let config: LoadedConfig | undefined;
  const resolve = async (): Promise<ResolvedOptions> => {
    config = flags.config === false ? undefined : await loadConfig({ file: flags.config, cwd });
    ctx.config = config?.file;
    const merged = mergeConfig(cli, config, cwd);
    if (merged.out === undefined)
      throw new UsageError(`required option '-o, --out <dir>' not specified (or set "out" in ${config ? displayPath(config.file, cwd) : 'a config file'})`);
    if ((merged.inputs ?? []).length === 0 && Object.keys(merged.services ?? {}).length === 0) {
      throw new UsageError(
        `missing required argument 'path': give spec files or folders${config ? `, or "inputs" or "services" in ${displayPath(config.file, cwd)}` : ', or a config file with "inputs" or "services"'}`,
      );
    }
    const options = resolveOptions({ ...merged, out: merged.out });
    ctx.out = options.out;
    ctx.fixCommand = regenerateCommand({
      cwd,
      config: config ? { file: config.file, explicit: typeof flags.config === 'string' } : undefined,
      noConfig: flags.config === false,
      inputs: cmd.args.length > 0 || !config ? options.inputs : undefined,
      out: flags.out !== undefined || !config?.config.out ? options.out : undefined,
      runtimeModule: flags.runtimeModule,
      refRoot: flags.refRoot,
    });
    return options;
  };

  /** Reports a failure of resolve() or generate(); returns its exit code. */
  const failed = (e: unknown): number => {
    const code = e instanceof UsageError || isSvcGenInputError(e) ? EXIT.badInput : EXIT.internal;
    const errors: JsonError[] =
      e instanceof UsageError ? [usageError(e.message)] : isSvcGenInputError(e) ? e.problems.map((x) => jsonError(x, cwd)) : [internalError(e)];
    if (flags.json) json(`${JSON.stringify(jsonErrorReport(errors, code, ctx, performance.now() - started), null, flags.watch ? undefined : 2)}\n`);
    if (e instanceof UsageError) io.stderr(`error: ${e.message}\n(run svc-gen --help for usage)\n`);
    else if (isSvcGenInputError(e)) printProblems(e.problems as InputProblem[], p);
    else io.stderr(`svc-gen: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return code;
  };

  let options: ResolvedOptions;
  try {
    options = await resolve();
  } catch (e) {
    return failed(e);
  }
  if (flags.watch) return watchMode(flags, p, io, resolve, () => config?.file, failed, ctx);
  try {
    const { generateWithCache } = await import('../generate.js');
    const result = await generateWithCache(options, undefined);
    const code = finish(result, flags, p, ctx);
    if (!flags.check || flags.breakingAgainst === undefined) return code;
    const { breakingReport } = await import('../diff/check-breaking.js');
    return Math.max(code, await breakingReport(flags.breakingAgainst, options.inputs, cwd, flags.json ? p.stderr : p.stdout));
  } catch (e) {
    const code = failed(e);
    if (code === EXIT.badInput) io.stderr('svc-gen: nothing was written\n');
    return code;
  }
}

/** Prints a finished run (human and/or JSON) and returns its exit code. */
function finish(result: GenerateResult, flags: Flags, p: Printer, ctx: ReportContext): number {
  printServices(result, p);
  let code: number = EXIT.ok;
  if (result.check) code = printCheck(result, { ...p, stdout: flags.json ? p.stderr : p.stdout }, ctx.fixCommand ?? 'npx svc-gen') ? EXIT.ok : EXIT.checkFailed;
  else printWriteSummary(result, p);
  printWarnings(result.warnings, p);
  if (flags.json) p.stdout(`${JSON.stringify(jsonReport(result, code, ctx), null, 2)}\n`);
  return code;
}

async function watchMode(
  flags: Flags,
  p: Printer,
  io: CliIO,
  resolve: () => Promise<ResolvedOptions>,
  configFile: () => string | undefined,
  failed: (e: unknown) => number,
  ctx: ReportContext,
): Promise<number> {
  const { watch } = await import('./watch.js');
  const controller = io.signal ? undefined : new AbortController();
  const stop = () => controller?.abort();
  if (controller) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  const onRun = (run: WatchRun) => {
    if (!run.first) p.stderr(`${p.c.cyan('svc-gen:')} changed: ${run.changed.map((f) => displayPath(f, p.cwd)).join(', ') || '(files)'}\n`);
    if (!run.ok) {
      failed(run.error);
      p.stderr('svc-gen: nothing was written\n');
      return;
    }
    const regenerated = run.result.services.filter((s) => !s.reused);
    printServices(run.result, p, true);
    const prefix = run.first ? '' : `regenerated ${regenerated.map((s) => s.name).join(', ') || 'nothing'}; `;
    printWriteSummary(run.result, p, prefix);
    printWarnings(run.first ? run.result.warnings : regenerated.flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`)), p);
    if (flags.json) p.stdout(`${JSON.stringify(jsonReport(run.result, EXIT.ok, ctx))}\n`);
  };
  try {
    await watch({
      resolve,
      configFile: configFile(),
      onRun,
      onWatching: (n) => {
        if (!flags.quiet) p.stderr(`${p.c.dim(`svc-gen: watching ${n} files for changes (Ctrl-C to stop)`)}\n`);
      },
      signal: io.signal ?? (controller as AbortController).signal,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return EXIT.ok;
}

/** A usage problem found after parsing (no --out anywhere, nothing to generate). */
class UsageError extends Error {}

function usageError(message: string): JsonError {
  return { code: 'SVCGEN_USAGE', file: null, line: null, column: null, pointer: null, reason: message.replace(/^error: /, '') };
}

function internalError(e: unknown): JsonError {
  return { code: 'SVCGEN_INTERNAL', file: null, line: null, column: null, pointer: null, reason: (e as Error)?.message ?? String(e) };
}
