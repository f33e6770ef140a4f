// Runtime overhead: N GETs from a client process to a node:http server in its own process, through
// (a) global fetch, (b) undici request() on a Pool, (c) plain openapi-fetch, (d) a generated svc-gen
// method with every step on (registry, headers incl. JWT, retry, timeout, breaker, error mapping).
// Each client runs in a fresh process so its RSS is its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './lib/build-clients.mjs';
import { forkWorker, measure, report } from './lib/measure.mjs';
import { startServer } from './lib/server.mjs';
import { median, printTable, ratioSpread, spread } from './lib/stats.mjs';

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
// SVC_GEN_BASELINE=<dir>[:<dir>...]: also run other builds of svc-gen (each a directory with its
// package.json, dist/, node_modules and generated clients/), e.g. main's, in the same run as this one.
const baselines = (process.env.SVC_GEN_BASELINE ?? '').split(path.delimiter).filter(Boolean);
for (const dir of baselines) {
  CLIENTS[`svc-gen (${path.basename(dir)})`] = async (url) => {
    const { configure } = await import(path.join(dir, 'dist', 'runtime', 'index.js'));
    const { getService } = await import(path.join(dir, 'clients', 'index.js'));
    configure({ serviceName: 'bench', serviceTokenKey: 'bench-secret', serviceConnections: ['user'], services: { user: { url } } });
    const user = getService('user');
    return () => user.getUser({ path: { userId: '1' } });
  };
}

/** Worker: run `n` calls at `concurrency` with one client; print one JSON line of measurements. */
async function worker(client, concurrency, n, url) {
  const call = await CLIENTS[client](url);
  // The default warm-up (200 calls) covers the JIT, the pools and the JWT.
  report(await measure(call, { concurrency, n }));
}

const runWorker = (client, concurrency, n, url, env) =>
  forkWorker(fileURLToPath(import.meta.url), ['worker', client, String(concurrency), String(n), url], env);

/**
 * Orchestrator: print one table per concurrency, medians of `runs` runs, ratios to raw fetch and to
 * raw undici `Pool.request` (the transport's ceiling). `clients` picks a subset (the undici anchor
 * is always kept); `concurrencies` the levels; `memory: false` skips the long-run table.
 */
export async function benchRuntime({ runs = 3, n = 20_000, clients = Object.keys(CLIENTS), concurrencies = [50, 1], memory = true } = {}) {
  const picked = Object.keys(CLIENTS).filter((c) => c === 'undici' || clients.includes(c));
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = await startServer();
  const { url } = server;
  try {
    for (const concurrency of concurrencies) {
      const results = {};
      // Clients alternate within each run, so a load change on the machine hits all of them alike.
      for (let run = 0; run < runs; run++) {
        for (const client of picked) (results[client] ??= []).push(await runWorker(client, concurrency, n, url));
      }
      const base = results.fetch && median(results.fetch.map((r) => r.rps));
      // The ratio to undici is taken per run (same minute, same load), then the median and spread.
      const vsUndici = (rs) => ratioSpread(rs, results.undici, 'rps');
      printTable(
        `Runtime: ${n.toLocaleString('en')} GETs, ${concurrency} concurrent (median of ${runs}, min–max)`,
        ['client', 'req/s', 'vs fetch', 'vs undici Pool.request', 'p50 ms', 'p99 ms', 'CPU µs/req', 'RSS MiB'],
        Object.entries(results).map(([client, rs]) => [
          client,
          spread(rs.map((r) => r.rps)),
          base ? `${(median(rs.map((r) => r.rps)) / base).toFixed(2)}x` : '—',
          vsUndici(rs),
          median(rs.map((r) => r.p50)).toFixed(2),
          median(rs.map((r) => r.p99)).toFixed(2),
          median(rs.map((r) => r.cpuUs)).toFixed(1),
          median(rs.map((r) => r.rssMiB)).toFixed(0),
        ]),
      );
    }
    if (!memory) return;
    // Memory over a long run: RSS after 100,000 calls next to the 20,000-call runs above.
    const long = await runWorker('svc-gen', 50, 100_000, url);
    const short = await runWorker('svc-gen', 50, 20_000, url);
    printTable(
      'Runtime memory: svc-gen at the end of a run (50 concurrent)',
      ['calls', 'heap after GC MiB', 'RSS MiB', 'req/s'],
      [
        ['20,000', short.heapMiB.toFixed(1), short.rssMiB.toFixed(0), short.rps.toFixed(0)],
        ['100,000', long.heapMiB.toFixed(1), long.rssMiB.toFixed(0), long.rps.toFixed(0)],
      ],
    );
  } finally {
    server.stop();
  }
}

if (process.argv[2] === 'worker') {
  const [, , , client, concurrency, n, url] = process.argv;
  await worker(client, Number(concurrency), Number(n), url);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node bench/runtime.mjs --anchor [--runs N]`: svc-gen against undici Pool.request only, 50 concurrent.
  // `node bench/runtime.mjs --profile`: one svc-gen worker's measured calls under the CPU profiler.
  const flag = (name) => process.argv.includes(name);
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : flag('--quick') ? 1 : 3;
  if (flag('--profile')) await profile();
  else if (flag('--anchor'))
    await benchRuntime({ runs, clients: Object.keys(CLIENTS).filter((c) => c.startsWith('svc-gen')), concurrencies: [50], memory: false });
  else await benchRuntime({ runs });
}

/** One svc-gen worker at 50 concurrent under the V8 sampling profiler; prints the top self times. */
async function profile() {
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = await startServer();
  const file = path.join(root, '.cache', 'bench', 'runtime.cpuprofile');
  try {
    const r = await runWorker('svc-gen', 50, 20_000, server.url, { BENCH_CPU_PROFILE: file });
    console.log(`svc-gen ${r.rps.toFixed(0)} req/s; profile in ${path.relative(root, file)}`);
    const { topSelfTime } = await import('./lib/profile.mjs');
    printTable('Runtime profile: svc-gen, 50 concurrent, self time', ['share', 'function'], topSelfTime(file, 25));
  } finally {
    server.stop();
  }
}
