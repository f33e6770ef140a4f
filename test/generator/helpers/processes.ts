/**
 * The real executable and helper scripts in child processes, and a TCP listener that only counts
 * connections (to prove that nothing connected).
 */
import { execFileSync, type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSockets } from '../../helpers/sockets.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** bin/svc-gen.js: runs dist/generator/cli/bin-entry.js (built by `npm test`'s pretest). */
export const BIN = path.join(ROOT, 'bin/svc-gen.js');

/** Builds dist/ when it is missing (a bare `vitest run`); `npm test` always builds it first. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist/generator/cli/bin-entry.js'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')]);
  }
}

/** `node bin/svc-gen.js ...args`, synchronously, killed after `timeout` ms. */
export function runBin(args: readonly string[], options: { cwd?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: options.timeout ?? 30_000 });
}

/** Exit code, stdout and stderr of an asynchronous child (`code` is null when it was killed). */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node ...args`; `done` settles when it exits. */
export function startNode(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { pid: number; kill: (s: NodeJS.Signals) => void; done: Promise<Exit> } {
  const child = spawn(process.execPath, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { pid: child.pid ?? -1, kill: (s) => child.kill(s), done };
}

/** A TCP listener on 127.0.0.1 that accepts and counts connections, and answers nothing. */
export async function connectionCounter(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = openSockets();
  const server = net.createServer((socket) => {
    count++;
    sockets.track(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}
