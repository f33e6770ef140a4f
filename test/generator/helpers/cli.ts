/**
 * Runs the CLI in-process with captured stdout/stderr (same code path as bin/svc-gen.js, minus exit).
 */
import { runCli } from '../../../generator/cli/run-cli.js';

/** Exit code and output of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `svc-gen ...args`. */
export async function svcGen(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

/** `svc-gen ...args` run from `cwd` (config lookup, relative paths), with colours as given (off by default). */
export async function svcGenIn(
  cwd: string,
  args: readonly string[],
  io: { color?: boolean; signal?: AbortSignal; onStderr?: (text: string) => void } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => {
      stderr += t;
      io.onStderr?.(t);
    },
    cwd,
    color: io.color ?? false,
    ...(io.signal ? { signal: io.signal } : {}),
  });
  return { code, stdout, stderr };
}
