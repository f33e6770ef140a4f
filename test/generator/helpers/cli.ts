/**
 * Runs the CLI in-process with captured stdout/stderr (same code path as bin/svc-gen.js, minus exit).
 */
import { runCli } from '../../../generator/run-cli.js';

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
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
