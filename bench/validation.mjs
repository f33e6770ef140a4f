// Cost of contract validation: N GETs of the same valid JSON User through a generated svc-gen method
// with `validate` off, responses only, and requests + responses ('warn'; 'throw' does the same work).
// Server and each client run in their own processes; modes interleave run by run, and each ratio to
// `off` is taken within its run (same minute, same load), then reported as median (min–max).
// `node bench/validation.mjs --profile`: the requests+responses worker under the CPU profiler.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './lib/build-clients.mjs';
import { forkWorker, measure, report } from './lib/measure.mjs';
import { topSelfTime } from './lib/profile.mjs';
import { startServer } from './lib/server.mjs';
import { loadAverage, median, printTable, ratioSpread, spread } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const clientsDir = path.join(root, '.cache', 'bench', 'validation-clients');
const USER = { id: 'u-1', email: 'ann@example.com', name: 'Ann Example', roles: ['customer', 'staff'], avatarUrl: null, createdAt: '2024-05-01T10:00:00Z' };
const MODES = {
  off: {},
  responses: { responses: 'warn' },
  'requests+responses': { requests: 'warn', responses: 'warn' },
};

async function worker(mode, concurrency, n, url) {
  const { configure } = await import('svc-gen/runtime');
  const { getService } = await import(path.join(clientsDir, 'index.js'));
  let violations = 0;
  // A long timeout: on a loaded machine a slow call must be measured, not failed.
  configure({
    serviceName: 'bench',
    serviceConnections: ['user'],
    serviceTimeoutTotal: 120_000,
    services: { user: { url } },
    validate: MODES[mode],
    onContractViolation: () => violations++,
  });
  const user = getService('user');
  // Warm-up of 500: JIT, pools, schema compilation.
  const result = await measure(() => user.getUser({ path: { userId: 'u-1' } }), { concurrency, n, warmup: 500 });
  report({ ...result, violations });
}

const runWorker = (mode, concurrency, n, url, env) => forkWorker(fileURLToPath(import.meta.url), ['worker', mode, String(concurrency), String(n), url], env);

/** Prints one table per concurrency: req/s and CPU per call, each with its per-run ratio to `off`. */
export async function benchValidation({ runs = 3, n = 10_000 } = {}) {
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = await startServer(USER);
  try {
    for (const concurrency of [50, 1]) {
      const results = {};
      // Modes interleaved run by run, so load on the machine hits them alike.
      for (let run = 0; run < runs; run++)
        for (const mode of Object.keys(MODES)) (results[mode] ??= []).push(await runWorker(mode, concurrency, n, server.url));
      printTable(
        `Validation: ${n.toLocaleString('en')} GETs of one valid User, ${concurrency} concurrent (median of ${runs}, min–max; load average ${loadAverage()})`,
        ['validate', 'req/s', 'req/s vs off', 'CPU µs/req', 'CPU vs off', 'p50 ms', 'violations'],
        Object.entries(results).map(([mode, rs]) => [
          mode,
          spread(rs.map((r) => r.rps)),
          ratioSpread(rs, results.off, 'rps'),
          spread(
            rs.map((r) => r.cpuUs),
            (v) => v.toFixed(1),
          ),
          ratioSpread(rs, results.off, 'cpuUs'),
          median(rs.map((r) => r.p50)).toFixed(2),
          String(Math.max(...rs.map((r) => r.violations))),
        ]),
      );
    }
  } finally {
    server.stop();
  }
}

/** One requests+responses worker at 50 concurrent under the V8 sampling profiler; prints the top self times. */
async function profile() {
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = await startServer(USER);
  const file = path.join(root, '.cache', 'bench', 'validation.cpuprofile');
  try {
    const r = await runWorker('requests+responses', 50, 20_000, server.url, { BENCH_CPU_PROFILE: file });
    console.log(`requests+responses ${r.rps.toFixed(0)} req/s; profile in ${path.relative(root, file)}`);
    printTable('Validation profile: requests+responses, 50 concurrent, self time', ['share', 'function'], topSelfTime(file, 25));
  } finally {
    server.stop();
  }
}

if (process.argv[2] === 'worker') {
  const [, , , mode, concurrency, n, url] = process.argv;
  await worker(mode, Number(concurrency), Number(n), url);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--profile')) await profile();
  else await benchValidation({ runs: process.argv.includes('--quick') ? 1 : 3 });
}
