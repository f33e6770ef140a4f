/**
 * Where a CLI command writes and runs: the program and its sub-commands (fake, diff) share it, so
 * it lives apart from run-cli.ts, which imports them.
 */

/** Where the CLI writes and what it runs in; injectable for tests. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Working directory (config lookup, relative paths). @default process.cwd() */
  readonly cwd?: string;
  /** Colour stderr. @default stderr is a TTY and NO_COLOR is unset */
  readonly color?: boolean;
  /** Ends `--watch`. @default SIGINT or SIGTERM */
  readonly signal?: AbortSignal;
}
