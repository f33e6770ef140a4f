// Cost of contract validation: N GETs of the same valid JSON User through a generated svc-gen method
// with `validate` off, responses only, and requests + responses ('warn'; 'throw' does the same work).
// Server and each client run in their own processes; median of `runs` runs, ratio to `off`.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './lib/build-clients.mjs';
import { median, printTable, quantile, spread } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const clientsDir = path.join(root, '.cache', 'bench', 'validation-clients');
const USER = { id: 'u-1', email: 'ann@example.com', name: 'Ann Example', roles: ['customer', 'staff'], avatarUrl: null, createdAt: '2024-05-01T10:00:00Z' };
const MODES = {
  off: {},
  responses: { responses: 'warn' },
  'requests+responses': { requests: 'warn', responses: 'warn' },
};

function serve() {
  const body = JSON.stringify(USER);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

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
  const call = () => user.getUser({ path: { userId: 'u-1' } });
  for (let i = 0; i < 500; i++) await call(); // warm-up: JIT, pools, schema compilation
  const latencies = new Float64Array(n);
  let next = 0;
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
  console.log(JSON.stringify({ rps: (n / ms) * 1000, p50: quantile([...latencies], 0.5), cpuUs: (used.user + used.system) / n, violations }));
  process.exit(0);
}

async function runWorker(mode, concurrency, n, url) {
  const child = fork(fileURLToPath(import.meta.url), ['worker', mode, String(concurrency), String(n), url], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await once(child, 'exit');
  return JSON.parse(out.trim().split('\n').at(-1));
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Prints one table per concurrency: req/s, ratio to `off`, p50, CPU per call. */
export async function benchValidation({ runs = 3, n = 10_000 } = {}) {
  await buildClients([path.join(root, 'specs')], clientsDir);
  const server = fork(fileURLToPath(import.meta.url), ['server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(server, 'message');
  const url = `http://127.0.0.1:${port}`;
  try {
    for (const concurrency of [50, 1]) {
      const results = {};
      // Modes interleaved run by run, so load on the machine hits them alike.
      for (let run = 0; run < runs; run++) for (const mode of Object.keys(MODES)) (results[mode] ??= []).push(await runWorker(mode, concurrency, n, url));
      // Ratios are taken per run (same minute, same load), then their median and spread.
      const ratio = (rs, field) =>
        spread(
          rs.map((r, i) => r[field] / results.off[i][field]),
          (v) => `${v.toFixed(2)}x`,
        );
      printTable(
        `Validation: ${n.toLocaleString('en')} GETs of one valid User, ${concurrency} concurrent (median of ${runs}, min–max; load average ${loadAverage()})`,
        ['validate', 'req/s', 'req/s vs off', 'CPU µs/req', 'CPU vs off', 'p50 ms', 'violations'],
        Object.entries(results).map(([mode, rs]) => [
          mode,
          spread(rs.map((r) => r.rps)),
          ratio(rs, 'rps'),
          spread(
            rs.map((r) => r.cpuUs),
            (v) => v.toFixed(1),
          ),
          ratio(rs, 'cpuUs'),
          median(rs.map((r) => r.p50)).toFixed(2),
          String(Math.max(...rs.map((r) => r.violations))),
        ]),
      );
    }
  } finally {
    server.kill();
  }
}

if (process.argv[2] === 'server') serve();
else if (process.argv[2] === 'worker') {
  const [, , , mode, concurrency, n, url] = process.argv;
  await worker(mode, Number(concurrency), Number(n), url);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchValidation({ runs: process.argv.includes('--quick') ? 1 : 3 });
}
