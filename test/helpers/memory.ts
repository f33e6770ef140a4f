/**
 * Runs test/fixtures/memory-client.mjs in its own process (against dist/, so run `npm run build`
 * first) and returns what it measured: RSS growth during one call, and the call's outcome.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MemoryRun {
  /** Peak RSS during the call minus RSS just before it. */
  growth: number;
  /** Peak of `process.memoryUsage().arrayBuffers` (bytes held in Buffers) during the call. */
  peakArrayBuffers: number;
  bytes?: number;
  length?: number;
  code?: string;
  description?: string;
  attempts?: number;
}

export function measureCall(url: string, path: string, mode: 'buffer' | 'stream', maxResponseBytes: number): Promise<MemoryRun> {
  const script = fileURLToPath(new URL('../fixtures/memory-client.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    // Async spawn: the server answering the child lives in this process.
    // Small young-generation semi-spaces: chunks already consumed are collected at once, so RSS shows
    // what the runtime holds, not how much garbage V8 lets pile up before a scavenge (up to ~48 MiB).
    const child = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=1', script, url, path, mode, String(maxResponseBytes)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`memory-client exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as MemoryRun);
    });
  });
}
