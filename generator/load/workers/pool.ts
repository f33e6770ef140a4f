/**
 * Prepares many services in parallel: `worker_threads`, at most one per free core
 * (`os.availableParallelism()` less the load), each taking the next source when it finishes one. Results are
 * placed by their index in the sorted source list, so the run's services, warnings and problems
 * come out in the same order whichever worker finishes first; the output is the same bytes as a
 * run in one thread (prepare.ts is the same code).
 *
 * Each worker loads TypeScript and openapi-typescript again (~0.3 s of CPU), so the pool only pays
 * when there are enough specs per worker; `workerCount` decides (see bench/README.md for the measurement).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SharedFile } from '../load.js';
import type { Prepared, Source } from '../prepare.js';
import type { Reply } from './protocol.js';

/** The worker's compiled module, beside this one. */
const WORKER = new URL('./prepare-worker.js', import.meta.url);

/** Below this many specs per worker, starting workers costs more than it saves (measured: bench/many.mjs). */
export const SPECS_PER_WORKER = 16;

/**
 * How many workers a run of `count` specs uses: `SVCGEN_WORKERS` when set (0 or 1: none), else one
 * per `SPECS_PER_WORKER` specs, at most one per core that is free (cores minus the 1-minute load
 * average: on a machine already busy, workers only add TypeScript loads that compete for the same
 * cores); 0 or 1 means the run stays in one thread. The output does not depend on it.
 */
export function workerCount(count: number, env: NodeJS.ProcessEnv = process.env): number {
  // Run from the TypeScript sources (tests), there is no compiled worker to start: stay in one thread.
  if (!existsSync(fileURLToPath(WORKER))) return 0;
  const forced = env['SVCGEN_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), count);
  const cores = os.availableParallelism();
  const free = Math.max(1, cores - Math.floor(os.loadavg()[0] ?? 0));
  return Math.min(free, Math.floor(count / SPECS_PER_WORKER));
}

/** What each source became, by index: prepared, a shared file, or a rejected reply (problems or error). */
export type Outcome = { readonly ok: true; readonly value: Prepared | SharedFile } | Extract<Reply, { ok: false }>;

/** Prepares `sources` on `workers` threads; the outcomes in the sources' order. */
export async function prepareInWorkers(sources: readonly Source[], refRoot: string | undefined, workers: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(sources.length);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= sources.length) {
          resolve();
          return;
        }
        const index = next++;
        worker.postMessage({ index, source: sources[index], refRoot });
      };
      worker.on('message', (reply: Reply) => {
        outcomes[reply.index] = reply;
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (next >= sources.length ? resolve() : reject(new Error(`svc-gen worker exited with code ${code}`))));
      send();
    });
  const pool = Array.from({ length: Math.max(1, Math.min(workers, sources.length)) }, () => new Worker(WORKER));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (outcomes.some((o) => o === undefined) || outcomes.length !== sources.length) throw new Error('svc-gen worker ended without answering');
  return outcomes;
}
