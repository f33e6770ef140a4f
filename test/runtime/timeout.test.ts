/** Timeouts and cancellation against servers that hang, stall mid-body, or fail slowly. */

import { APIException, getService, ResponseTimeoutError, runWithContext } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

const SLACK = 150; // scheduling slack on a loaded 2-core machine
const served = servedService('slow', { retryBackoffBaseMs: 1 });

const setup = (handler: Handler, timeout?: number) => served.start(handler, { services: { slow: timeout ? { timeout } : {} } });

const hang: Handler = () => new Promise(() => undefined);

async function timed<T>(fn: () => Promise<T>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

describe('timeouts', () => {
  test('a server that never answers: ResponseTimeoutError within the timeout, and the socket is closed', async () => {
    const service = await setup(hang);
    const closed = served.server.socketClosed();
    const { error, ms } = await timed(() => service.httpDispatch('GET', '/hang', { responseTimeout: 200 }));
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, errorCode: { name: 'service_timeout', value: 999604 }, attempts: 1, service: 'slow', method: 'GET' });
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(200 + SLACK);
    await closed; // the server observed that very socket closing
    expect(served.server.received).toHaveLength(1); // our own timeout is never retried
  });

  test('headers then a stalled body: the body is covered by the same timeout', async () => {
    const service = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const closed = served.server.socketClosed();
    const { error, ms } = await timed(() => service.httpDispatch('GET', '/stall', { responseTimeout: 250 }));
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(ms).toBeLessThan(250 + SLACK);
    await closed;
  });

  test('the service timeout applies when the call sets none', async () => {
    const service = await setup(hang, 150);
    const { error, ms } = await timed(() => service.httpDispatch('GET', '/hang'));
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(ms).toBeLessThan(150 + SLACK);
  });

  test('the timeout covers all attempts together, not each one', async () => {
    // Attempt 1 fails after 150 ms, attempt 2 hangs: a per-attempt timeout would end at ~400 ms.
    await served.start((_req, res, _r, i) => (i === 0 ? setTimeout(() => json(res, 500, {}), 150) : undefined), { retryBackoffBaseMs: 1 });
    const { error, ms } = await timed(() => getService('slow').httpDispatch('GET', '/x', { responseTimeout: 250, retryCount: 4 }));
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(ms).toBeLessThan(250 + SLACK);
    expect(served.server.received).toHaveLength(2);
  });

  test('a context deadline shortens the timeout', async () => {
    const service = await setup(hang);
    const { error, ms } = await timed(() =>
      runWithContext({ deadline: Date.now() + 150 }, () => service.httpDispatch('GET', '/hang', { responseTimeout: 5000 })),
    );
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(ms).toBeLessThan(150 + SLACK);
  });

  test('a deadline already past fails at once, without sending', async () => {
    const service = await setup(hang);
    const { error, ms } = await timed(() => runWithContext({ deadline: Date.now() - 1 }, () => service.httpDispatch('GET', '/x')));
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(error).toMatchObject({ attempts: 0 });
    expect(ms).toBeLessThan(50);
    expect(served.server.received).toHaveLength(0);
  });
});

describe('cancellation', () => {
  test("the caller's abort ends an in-flight call at once with request_cancelled (not a timeout)", async () => {
    const service = await setup(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const closed = served.server.socketClosed();
    const { error, ms } = await timed(() => service.httpDispatch('GET', '/hang', { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIException);
    expect(error).not.toBeInstanceOf(ResponseTimeoutError);
    expect(error).toMatchObject({ statusCode: 499, errorCode: { name: 'request_cancelled', value: 999605 }, attempts: 1 });
    expect(ms).toBeLessThan(50 + SLACK);
    await closed;
  });

  test('an abort during the backoff stops the pending retry at once', async () => {
    await served.start((_req, res) => json(res, 500, {}), { retryBackoffBaseMs: 5000, retryBackoffMaxMs: 5000 });
    const controller = new AbortController();
    const origRandom = Math.random;
    Math.random = () => 0.99; // make the backoff long, so only the abort can end it
    try {
      setTimeout(() => controller.abort(), 100);
      const { error, ms } = await timed(() => getService('slow').httpDispatch('GET', '/x', { signal: controller.signal, responseTimeout: 10_000 }));
      expect(error).toMatchObject({ statusCode: 499, errorCode: { name: 'request_cancelled' } });
      expect(ms).toBeLessThan(100 + SLACK);
      expect(served.server.received).toHaveLength(1);
    } finally {
      Math.random = origRandom;
    }
  });

  test('an already aborted signal sends nothing', async () => {
    const service = await setup(hang);
    const { error } = await timed(() => service.httpDispatch('GET', '/x', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ statusCode: 499, errorCode: { name: 'request_cancelled' } });
    expect(served.server.received).toHaveLength(0);
  });
});
