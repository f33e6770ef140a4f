// Runtime overhead: N GETs from a client process to a node:http server in its own process, through
// (a) global fetch, (b) undici request() on a Pool, (c) plain openapi-fetch, (d) a generated svc-gen
// method with every step on (registry, headers incl. JWT, retry, timeout, breaker, error mapping).
// Each client runs in a fresh process so its RSS is its own.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './lib/build-clients.mjs';
import { median, printTable, quantile, spread } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const clientsDir = path.join(root, '.cache', 'bench', 'runtime-clients');

const CLIENTS = {
  fetch: async (url) => async () => {
    const res = await fetch(`${url}/users/1`);
    await res.json();
  },
  undici: async (url) => {
    const { Pool } = await import('undici');
    const pool = new Pool(url, { connections: 100 });
    return async () => {
      const res = await pool.request({ path: '/users/1', method: 'GET' });
      await res.body.json();
    };
  },
  'openapi-fetch': async (url) => {
    const { default: createClient } = await import('openapi-fetch');
    const client = createClient({ baseUrl: url });
    return async () => {
      await client.GET('/users/{userId}', { params: { path: { userId: '1' } } });
    };
  },
  'svc-gen': async (url) => {
    const { configure } = await import('svc-gen/runtime');
    const { getService } = await import(path.join(clientsDir, 'index.js'));
    configure({ serviceName: 'bench', serviceTokenKey: 'bench-secret', serviceConnections: ['user'], services: { user: { url } } });
    const user = getService('user');
    return () => user.getUser({ path: { userId: '1' } });
  },
};

/** Worker: run `n` calls at `concurrency` with one client; print one JSON line of measurements. */
async function worker(client, concurrency, n, url) {
  const call = await CLIENTS[client](url);
  for (let i = 0; i < 200; i++) await call(); // warm-up: JIT, pools, the JWT
  const latencies = new Float64Array(n);
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t = performance.now();
      await call();
      latencies[i] = performance.now() - t;
    }
  }));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const lat = [...latencies];
  globalThis.gc?.();
  const memory = process.memoryUsage();
  console.log(JSON.stringify({ rps: (n / ms) * 1000, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), cpuUs: (used.user + used.system) / n, rssMiB: memory.rss / 2 ** 20, heapMiB: memory.heapUsed / 2 ** 20 }));
  process.exit(0);
}

async function runWorker(client, concurrency, n, url) {
  const child = fork(fileURLToPath(import.meta.url), ['worker', client, String(concurrency), String(n), url], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await once(child, 'exit');
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** Orchestrator: print one table per concurrency, medians of `runs` runs, ratios to raw fetch. */
export async function benchRuntime({ runs = 3, n = 20_000 } = {}) {
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = fork(path.join(here, 'lib', 'server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(server, 'message');
  const url = `http://127.0.0.1:${port}`;
  try {
    for (const concurrency of [50, 1]) {
      const results = {};
      for (let run = 0; run < runs; run++) {
        for (const client of Object.keys(CLIENTS)) (results[client] ??= []).push(await runWorker(client, concurrency, n, url));
      }
      const base = median(results.fetch.map((r) => r.rps));
      printTable(
        `Runtime: ${n.toLocaleString('en')} GETs, ${concurrency} concurrent (median of ${runs}, min–max)`,
        ['client', 'req/s', 'vs fetch', 'p50 ms', 'p99 ms', 'CPU µs/req', 'RSS MiB'],
        Object.entries(results).map(([client, rs]) => [
          client,
          spread(rs.map((r) => r.rps)),
          `${(median(rs.map((r) => r.rps)) / base).toFixed(2)}x`,
          median(rs.map((r) => r.p50)).toFixed(2),
          median(rs.map((r) => r.p99)).toFixed(2),
          median(rs.map((r) => r.cpuUs)).toFixed(1),
          median(rs.map((r) => r.rssMiB)).toFixed(0),
        ]),
      );
    }
    // Memory over a long run: RSS after 100,000 calls next to the 20,000-call runs above.
    const long = await runWorker('svc-gen', 50, 100_000, url);
    const short = await runWorker('svc-gen', 50, 20_000, url);
    printTable('Runtime memory: svc-gen at the end of a run (50 concurrent)', ['calls', 'heap after GC MiB', 'RSS MiB', 'req/s'], [
      ['20,000', short.heapMiB.toFixed(1), short.rssMiB.toFixed(0), short.rps.toFixed(0)],
      ['100,000', long.heapMiB.toFixed(1), long.rssMiB.toFixed(0), long.rps.toFixed(0)],
    ]);
  } finally {
    server.kill();
  }
}

if (process.argv[2] === 'worker') {
  const [, , , client, concurrency, n, url] = process.argv;
  await worker(client, Number(concurrency), Number(n), url);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchRuntime({ runs: process.argv.includes('--quick') ? 1 : 3 });
}
