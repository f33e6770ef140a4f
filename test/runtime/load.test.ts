/**
 * Load and leaks on loopback, bounded in count and time: no failures, bounded sockets, a stable
 * heap, no context mix-ups under faults, a retry budget that holds during an outage.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { APIException, closeAll, configure, getService, runWithContext } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { type Handler, json, startServer, type TestServer } from '../helpers/server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: TestServer | undefined;
afterEach(async () => {
  await closeAll();
  await server?.close();
  server = undefined;
});

/** Run `total` tasks with `concurrency` workers. */
async function drive(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await task(i);
    }),
  );
}

async function setup(handler: Handler, settings: Parameters<typeof configure>[0] = {}) {
  server = await startServer(handler);
  configure({ serviceConnections: ['load'], retryBackoffBaseMs: 1, ...settings, services: { load: { url: server.url } } });
  return getService('load');
}

describe('load', () => {
  test('10,000 GETs at 200 concurrent: 0 failures, open sockets never above serviceConnectorMax', async () => {
    const service = await setup((_req, res) => json(res, 200, { ok: 1 }), { serviceConnectorMax: 50 });
    let open = 0;
    let maxOpen = 0;
    server!.server.on('connection', (socket) => {
      maxOpen = Math.max(maxOpen, ++open);
      socket.on('close', () => open--);
    });
    let failures = 0;
    await drive(10_000, 200, () =>
      service.httpDispatch('GET', '/x').then(
        () => undefined,
        () => void failures++,
      ),
    );
    expect(failures).toBe(0);
    expect(server!.received).toHaveLength(10_000);
    expect(maxOpen).toBeGreaterThan(1);
    expect(maxOpen).toBeLessThanOrEqual(50);
  });

  test('heap after GC is stable across three rounds of 3,000 calls', async () => {
    const service = await setup((_req, res) => json(res, 200, { ok: 1 }), { serviceTokenKey: 'k', serviceName: 'me' });
    const heaps: number[] = [];
    for (let round = 0; round < 4; round++) {
      await drive(3_000, 100, (i) => runWithContext({ requestId: `r${i}` }, () => service.httpDispatch('GET', `/x?i=${i}`)).then(() => undefined));
      server!.received.length = 0;
      gc();
      gc();
      heaps.push(process.memoryUsage().heapUsed);
    }
    const [, ...measured] = heaps; // round 0 warms up JIT and pools
    const spread = Math.max(...measured) - Math.min(...measured);
    expect(spread).toBeLessThan(4 * 1024 * 1024);
  });

  test('10,000 calls at 500 concurrent with 10% 503s under distinct contexts: 0 context mismatches', async () => {
    const service = await setup(
      (req, res) => {
        const id = String(req.headers['x-insanic-request-id']);
        if (Math.random() < 0.1) return json(res, 503, { message: 'busy', error_code: { name: 'busy', value: 1 } });
        json(res, 200, { id, user: req.headers['x-insanic-request-user'] });
      },
      { retryBudget: { maxTokens: 5000 }, serviceConnectionMaxRetryCount: 4 },
    );
    let mismatches = 0;
    let failures = 0;
    await drive(10_000, 500, (i) =>
      runWithContext({ requestId: `req-${i}`, user: { id: `u${i}`, level: i % 5, isAuthenticated: true } }, async () => {
        await new Promise((r) => setImmediate(r));
        try {
          const body = (await service.httpDispatch('GET', '/who', { retryCount: 4 })) as { id: string; user: string };
          if (body.id !== `req-${i}` || body.user !== `id=u${i};level=${i % 5};is_authenticated=1`) mismatches++;
        } catch (e) {
          if (!(e instanceof APIException) || e.statusCode !== 503) throw e;
          failures++; // five 503s in a row: (0.1)^5 per call
        }
      }),
    );
    expect(mismatches).toBe(0);
    expect(failures).toBeLessThanOrEqual(2);
  });

  test('an outage under steady load: the retry budget keeps extra requests to a handful', async () => {
    let down = false;
    const service = await setup((_req, res) => (down ? json(res, 503, {}) : json(res, 200, {})), {
      retryBudget: { maxTokens: 10, tokenRatio: 0.1 },
      circuitBreaker: { enabled: false },
    }); // the budget alone
    let stop = false;
    let calls = 0;
    let failedCalls = 0;
    const load = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (!stop) {
          calls++;
          await service.httpDispatch('GET', '/x').catch(() => void failedCalls++);
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 300)); // healthy traffic: no retries
    down = true;
    await new Promise((r) => setTimeout(r, 2000));
    stop = true;
    await load;
    const extra = server!.received.length - calls; // every request beyond one per call is a retry
    expect(failedCalls).toBeGreaterThan(200);
    expect(extra).toBeGreaterThanOrEqual(10); // the budget was spent…
    expect(extra).toBeLessThanOrEqual(10 + 1); // …and no more: maxTokens plus what 300 ms of successes deposited
  });
});
