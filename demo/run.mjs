// `npm run demo`: the example services of specs/ as real servers on 127.0.0.1 (notification fails
// intermittently, payment is slow), a gateway calling them through clients generated from specs/,
// and one request from an end user, traced step by step. Ends by itself; exit code 0 when the
// gateway answered 200.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLOW_MS, startServices } from './services.mjs';
import { detail, line, red, step, title } from './trace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `svc-gen`, `svc-gen/runtime` and `@svc-gen/runtime` resolve to dist/ and runtime/dist/ (the packages' exports): say so rather than
// fail with a module-not-found stack.
if (
  !existsSync(path.join(root, 'runtime', 'dist', 'esm', 'index.js')) ||
  !existsSync(path.join(root, 'dist', 'generator', 'runtime.js')) ||
  !existsSync(path.join(root, 'dist', 'generator', 'index.js'))
) {
  process.stderr.write('demo: dist/ is missing; run `npm run build` first (npm install runs it).\n');
  process.exit(2);
}
const { closeAll } = await import('svc-gen/runtime');
const { buildClients } = await import('../bench/lib/build-clients.mjs');
/** Must match the import in gateway.mjs. */
const CLIENTS = path.join(root, '.cache', 'demo', 'clients');
/** The HS256 key the gateway signs its identity token with and the services verify it with. */
const SECRET = 'demo-service-token-key';

// A demo that hangs must not hang CI: give up loudly long after a normal run (~1 s) would end.
const watchdog = setTimeout(() => {
  process.stderr.write('demo: did not finish within 30 s\n');
  process.exit(1);
}, 30_000);
watchdog.unref();

/** The end user's request to the gateway, with the headers an edge proxy would set. */
function get(url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  const t0 = performance.now();
  title('svc-gen demo: a gateway calls the example services through clients generated from specs/');

  step('Generate typed clients from specs/');
  await buildClients([path.join(root, 'specs')], CLIENTS);
  line('svc-gen', `notification, order, payment, user → ${path.relative(root, CLIENTS)}/ (transpiled to JS)`);

  step('Start the services and the gateway on 127.0.0.1');
  const { startGateway, PAYMENT_TIMEOUT_MS } = await import('./gateway.mjs'); // imports the clients just generated
  const services = await startServices(SECRET);
  let gateway;
  try {
    const notes = { notification: 'flaky: the first attempt of every request fails with 503', payment: `slow: answers after ${SLOW_MS} ms` };
    for (const s of services.services) line(s.name, `${s.url}  ${notes[s.name] ?? ''}`.trimEnd());
    gateway = await startGateway({ urls: services.urls, secret: SECRET });
    line('gateway', `${gateway.url}  contextMiddleware(), serviceName "gateway", payment timeout ${PAYMENT_TIMEOUT_MS} ms`);

    step('The end user asks the gateway for their account page');
    const headers = { 'x-insanic-request-id': `demo-${randomUUID().slice(0, 8)}`, 'x-insanic-request-user': 'id=7;level=1;is_authenticated=1' };
    line('end user', `→ GET ${gateway.url}/account`);
    for (const [name, value] of Object.entries(headers)) detail(`${name}: ${value}`);
    const answer = await get(`${gateway.url}/account`, headers);

    step('The gateway answers: the page, with what was unavailable');
    line('end user', `← ${answer.status} ${answer.text}`);

    step('Shut down');
    for (const s of services.services) {
      const hungUp = s.stats.hungUp.length ? `, ${s.stats.hungUp.length} abandoned by the caller after ${s.stats.hungUp.join(', ')} ms` : '';
      line(s.name, `${s.stats.requests} request${s.stats.requests === 1 ? '' : 's'} received${hungUp}`);
    }
    if (answer.status !== 200) throw new Error(`the gateway answered ${answer.status}, expected 200`);
  } finally {
    await gateway?.close();
    await services.close();
    await closeAll();
  }
  line('demo', `servers closed, closeAll() done; ${Math.round(performance.now() - t0)} ms in all`);
}

try {
  await main();
} catch (error) {
  line('demo', red(`✗ failed: ${error.stack ?? error}`));
  process.exitCode = 1;
}
