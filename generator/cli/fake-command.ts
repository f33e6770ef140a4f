/**
 * `svc-gen fake <path...> [--port N]`: a fake of every service found, answering from the specs'
 * examples (501 where there is none) and validating every request, like Prism for a whole fleet.
 * Prints one `SVC_GEN_<NAME>_URL=…` line per service on stdout (for a gateway or `.env`), then logs
 * each call and its violations on stderr until SIGINT/SIGTERM (or `io.signal`), and returns 0.
 */
import path from 'node:path';
import { urlEnvName } from '@svc-gen/runtime';
import type { Fake } from '@svc-gen/runtime/testing';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { formatProblem, isSvcGenInputError } from '../errors.js';
import type { CliIO } from './cli-io.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  return n;
}

/** Runs the fake fleet; resolves with the exit code once stopped. */
export async function runFake(argv: readonly string[], io: CliIO): Promise<number> {
  const cmd = new Command('svc-gen fake')
    .description('Serve a fake of every service from its spec examples, validating every request (Ctrl-C to stop).')
    .argument('<path...>', 'spec files, or directories of specs')
    .option('-p, --port <n>', 'first port: services get N, N+1, … in name order (default: ephemeral ports)', port)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const opts = cmd.opts<{ port?: number; host: string }>();
  const { contractsFromSpecs } = await import('../contract/from-specs.js');
  const { createFake } = await import('@svc-gen/runtime/testing');
  let contracts: Awaited<ReturnType<typeof contractsFromSpecs>>;
  try {
    contracts = await contractsFromSpecs(cmd.args.map((a) => path.resolve(io.cwd ?? process.cwd(), a)));
  } catch (e) {
    if (!isSvcGenInputError(e)) throw e;
    for (const problem of e.problems) io.stderr(`${formatProblem(problem)}\n`);
    return 2;
  }
  const fakes: Fake[] = [];
  const stop = new AbortController();
  const signal = io.signal ?? stop.signal;
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const [i, contract] of contracts.entries()) {
      const fake = await createFake(
        contract.service,
        {},
        {
          contract,
          point: false,
          host: opts.host,
          port: opts.port === undefined || opts.port === 0 ? 0 : opts.port + i,
          onCall: (call, violations) => {
            const status = call.status === undefined ? '---' : String(call.status);
            io.stderr(`${contract.service} ${call.method} ${call.url} -> ${status}${call.operation ? ` (${call.operation})` : ''}\n`);
            for (const v of violations) io.stderr(`  violation: ${v.direction} ${v.pointer || '/'}: ${v.message}\n`);
          },
        },
      );
      fakes.push(fake);
      io.stdout(`${urlEnvName(contract.service)}=${fake.url}\n`);
    }
    io.stderr(`svc-gen fake: ${fakes.length} services (Ctrl-C to stop)\n`);
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all(fakes.map((f) => f.close()));
  }
  io.stderr('svc-gen fake: stopped\n');
  return 0;
}
