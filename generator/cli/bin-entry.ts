/**
 * The `svc-gen` executable (bin/svc-gen.js imports the built copy): runs the CLI and exits with its
 * code. The only file in svc-gen that calls `process.exit`; everything else returns or throws.
 */
import { EXIT, runCli } from './run-cli.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`svc-gen: internal error: ${String((e as Error)?.stack ?? e)}\n`);
    process.exit(EXIT.internal);
  },
);
