/** Deadline propagation: the time left travels with every attempt and is read back on the way in. */
import { createServer } from 'node:http';
import { closeAll, configure, contextMiddleware, getContext, getService, runWithContext } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { type Listening, listen } from '../helpers/listen.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const HEADER = 'x-svc-deadline-ms';
let server: TestServer | undefined;
let front: Listening | undefined;
afterEach(async () => {
  await closeAll();
  await front?.close();
  await server?.close();
  front = undefined;
});

describe('outgoing', () => {
  test('each call carries the ms left: its own timeout, or the context deadline when sooner', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    configure({ serviceConnections: ['d'], services: { d: { url: server.url, timeout: 2000 } } });
    await getService('d').httpDispatch('GET', '/a');
    await getService('d').httpDispatch('GET', '/b', { responseTimeout: 700 });
    await runWithContext({ deadline: Date.now() + 300 }, () => getService('d').httpDispatch('GET', '/c'));
    const left = server.received.map((r) => Number(r.headers[HEADER]));
    expect(left[0]).toBeGreaterThan(1900);
    expect(left[0]).toBeLessThanOrEqual(2000);
    expect(left[1]).toBeGreaterThan(600);
    expect(left[1]).toBeLessThanOrEqual(700);
    expect(left[2]).toBeGreaterThan(200);
    expect(left[2]).toBeLessThanOrEqual(300);
  });

  test('a retry carries less time than the first attempt', async () => {
    server = await startServer((_req, res, _r, i) => setTimeout(() => json(res, i === 0 ? 503 : 200, {}), 100));
    configure({ serviceConnections: ['d'], retryBackoffBaseMs: 1, services: { d: { url: server.url } } });
    await getService('d').httpDispatch('GET', '/r', { responseTimeout: 1000 });
    const [first, second] = server.received.map((r) => Number(r.headers[HEADER]));
    expect(first! - second!).toBeGreaterThanOrEqual(90);
  });

  test('a configurable header name', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    configure({ serviceConnections: ['d'], deadlineHeader: 'Grpc-Timeout-Ms', services: { d: { url: server.url } } });
    await getService('d').httpDispatch('GET', '/a', { responseTimeout: 500 });
    expect(Number(server.received[0]!.headers['grpc-timeout-ms'])).toBeGreaterThan(400);
    expect(server.received[0]!.headers[HEADER]).toBeUndefined();
  });
});

describe('incoming', () => {
  test('contextMiddleware() turns the header back into a context deadline, which bounds downstream calls', async () => {
    server = await startServer(() => new Promise(() => undefined)); // downstream hangs
    configure({ serviceConnections: ['down'], services: { down: { url: server.url, timeout: 5000 } } });
    const seen: number[] = [];
    const mw = contextMiddleware();
    front = await listen(
      createServer((req, res) =>
        mw(req, res, async () => {
          seen.push(getContext()!.deadline! - Date.now());
          const e = await getService('down')
            .httpDispatch('GET', '/slow')
            .catch((x: unknown) => x);
          json(res, 200, { statusCode: (e as { statusCode: number }).statusCode });
        }),
      ),
    );
    const start = performance.now();
    const res = await fetch(`${front.url}/`, { headers: { [HEADER]: '300' } });
    const elapsed = performance.now() - start;
    expect(await res.json()).toEqual({ statusCode: 503 });
    expect(seen[0]).toBeGreaterThan(250);
    expect(seen[0]).toBeLessThanOrEqual(300);
    expect(elapsed).toBeLessThan(300 + 150); // not the downstream's 5 s timeout
  });

  test('rejectExpired answers a request that arrives with no time left with 504, without running it', async () => {
    let ran = false;
    const mw = contextMiddleware({ rejectExpired: true });
    front = await listen(
      createServer((req, res) =>
        mw(req, res, () => {
          ran = true;
          json(res, 200, {});
        }),
      ),
    );
    const res = await fetch(front.url, { headers: { [HEADER]: '0' } });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      message: 'Service timed out',
      description: 'The request arrived after its deadline; it was not processed.',
      error_code: { name: 'service_timeout', value: 999604 },
    });
    expect(ran).toBe(false);
    const ok = await fetch(front.url, { headers: { [HEADER]: '1000' } });
    expect(ok.status).toBe(200);
    expect(ran).toBe(true);
  });

  test.each([['abc'], ['-5'], ['1e9']])('a malformed header (%s) sets no deadline', async (value) => {
    const mw = contextMiddleware();
    let deadline: number | undefined = 1;
    front = await listen(
      createServer((req, res) =>
        mw(req, res, () => {
          deadline = getContext()?.deadline;
          json(res, 200, {});
        }),
      ),
    );
    await fetch(front.url, { headers: { [HEADER]: value } });
    expect(deadline).toBeUndefined();
  });
});
