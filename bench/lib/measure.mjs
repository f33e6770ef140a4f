// The measured part of a client benchmark, written once: a worker process warms a call up, runs it
// `n` times at `concurrency` (optionally under the V8 sampling profiler) and prints one JSON line;
// the orchestrator forks such workers and reads that line back.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { quantile } from './stats.mjs';

/**
 * In a worker: `warmup` calls, then `n` calls at `concurrency`. Returns req/s, p50/p99 latency (ms),
 * CPU µs per call, RSS and heap after a GC (MiB). `BENCH_CPU_PROFILE=<file>` profiles the measured calls.
 */
export async function measure(call, { concurrency, n, warmup = 200 }) {
  for (let i = 0; i < warmup; i++) await call();
  const latencies = new Float64Array(n);
  let next = 0;
  const session = process.env.BENCH_CPU_PROFILE ? await startProfile() : undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await call();
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (session) await stopProfile(session, process.env.BENCH_CPU_PROFILE);
  const lat = [...latencies];
  globalThis.gc?.();
  const memory = process.memoryUsage();
  return {
    rps: (n / ms) * 1000,
    p50: quantile(lat, 0.5),
    p99: quantile(lat, 0.99),
    cpuUs: (used.user + used.system) / n,
    rssMiB: memory.rss / 2 ** 20,
    heapMiB: memory.heapUsed / 2 ** 20,
  };
}

/** The V8 sampling profiler over the measured calls only (not module loading or the warm-up). */
async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session, file) {
  const { profile } = await session.post('Profiler.stop');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, JSON.stringify(profile));
}

/** In a worker: print the result line the orchestrator reads, and exit. */
export function report(result) {
  console.log(JSON.stringify(result));
  process.exit(0);
}

/** Forks `script` with `args` (with --expose-gc) and returns the JSON of the last line it printed. */
export async function forkWorker(script, args, env = {}) {
  const child = fork(script, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: ['--expose-gc'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`bench worker ${args.join(' ')} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1));
}
