/** Retries counted at a real server on 127.0.0.1 that injects 5xx, 429 and Retry-After. */

import { APIException, type Settings } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

const served = servedService('user', { retryBackoffBaseMs: 1, retryBackoffMaxMs: 5, retryBudget: { maxTokens: 1000 } });

async function setup(handler: Handler, settings: Settings = {}) {
  const service = await served.start(handler, settings);
  return { service, received: served.server.received };
}

const failWith =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    json(res, status, { error: status }, headers);

type Case = [
  name: string,
  given: { method: string; retryCount?: number; serviceRetryCount?: number; headers?: Record<string, string>; status?: number },
  attempts: number,
];
const table: Case[] = [
  ['GET with no retryCount', { method: 'GET' }, 3],
  ['GET retryCount 0', { method: 'GET', retryCount: 0 }, 1],
  ['GET retryCount 2', { method: 'GET', retryCount: 2 }, 3],
  ['GET retryCount 10 (capped at 4)', { method: 'GET', retryCount: 10 }, 5],
  ['HEAD', { method: 'HEAD' }, 3],
  ['POST, even with retryCount 3', { method: 'POST', retryCount: 3 }, 1],
  ['PATCH', { method: 'PATCH', retryCount: 3 }, 1],
  ['PUT without retryCount', { method: 'PUT' }, 1],
  ['PUT with retryCount 2', { method: 'PUT', retryCount: 2 }, 3],
  ['PUT with the service retryCount 1', { method: 'PUT', serviceRetryCount: 1 }, 2],
  ['DELETE with retryCount 1', { method: 'delete', retryCount: 1 }, 2],
  ['POST with Idempotency-Key', { method: 'POST', headers: { 'Idempotency-Key': 'abc' } }, 3],
  ['GET answered 429', { method: 'GET', status: 429 }, 3],
  ['GET answered 502', { method: 'GET', status: 502 }, 3],
  ['GET answered 404 (never retried)', { method: 'GET', status: 404 }, 1],
  ['GET answered 400 (never retried)', { method: 'GET', status: 400 }, 1],
];

describe('the retry table, counted at the server', () => {
  test.each(table)('%s → %i attempt(s)', async (_name, given, attempts) => {
    const status = given.status ?? 500;
    const { service, received } = await setup(
      failWith(status),
      given.serviceRetryCount === undefined ? {} : { services: { user: { retryCount: given.serviceRetryCount } } },
    );
    const call = service.httpDispatch(given.method, '/r', {
      propagateError: true,
      ...(given.retryCount === undefined ? {} : { retryCount: given.retryCount }),
      ...(given.headers ? { headers: given.headers } : {}),
      ...(given.method === 'POST' || given.method === 'PATCH' ? { payload: { a: 1 } } : {}),
    });
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIException);
    expect((error as APIException).statusCode).toBe(status);
    expect((error as APIException).attempts).toBe(attempts);
    expect(received).toHaveLength(attempts);
    expect(new Set(received.map((r) => r.method))).toEqual(new Set([given.method.toUpperCase()]));
  });

  test('a retry that succeeds returns the later answer', async () => {
    const { service, received } = await setup((_req, res, _r, i) => (i < 2 ? failWith(503)(_req, res, _r, i) : json(res, 200, { ok: true })));
    await expect(service.httpDispatch('GET', '/flaky', { includeStatusCode: true })).resolves.toEqual([{ ok: true }, 200]);
    expect(received).toHaveLength(3);
  });

  test('a refused connection is retried (GET) and surfaces after the attempts', async () => {
    const { service } = await setup(failWith(500));
    const url = served.server.url;
    await served.stop();
    const error = (await service.httpDispatch('GET', '/x').catch((e: unknown) => e)) as APIException;
    expect(error.errorCode).toEqual({ name: 'service_unavailable', value: 999603 });
    expect(error.attempts).toBe(3);
    expect(error.url).toBe(`${url}/x`);
  });
});

describe('backoff', () => {
  test('delays between attempts stay within full-jitter bounds', async () => {
    const base = 60;
    const { service, received } = await setup(failWith(500), { retryBackoffBaseMs: base, retryBackoffMaxMs: 90 });
    const times: number[] = [];
    served.server.server.on('request', () => times.push(performance.now()));
    await service.httpDispatch('GET', '/b', { retryCount: 3 }).catch(() => undefined);
    expect(received).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    const slack = 40; // request round trip and timer granularity on a loaded 2-core machine
    for (const [i, cap] of [base, 90, 90].entries()) expect(gaps[i]).toBeLessThan(cap + slack);
  });
});

describe('Retry-After', () => {
  test('a short Retry-After on 503 is waited for', async () => {
    const { service, received } = await setup(
      (req, res, r, i) => (i === 0 ? failWith(503, { 'retry-after': '1' })(req, res, r, i) : json(res, 200, { ok: 1 })),
      { retryAfterMaxMs: 2000 },
    );
    const start = performance.now();
    await expect(service.httpDispatch('GET', '/ra')).resolves.toEqual({ ok: 1 });
    expect(performance.now() - start).toBeGreaterThanOrEqual(950);
    expect(received).toHaveLength(2);
  });

  test('an HTTP-date Retry-After on 429 is honoured', async () => {
    const { service, received } = await setup(
      (req, res, r, i) => (i === 0 ? failWith(429, { 'retry-after': new Date(Date.now() + 2000).toUTCString() })(req, res, r, i) : json(res, 200, { ok: 2 })),
      { retryAfterMaxMs: 3000 },
    );
    const start = performance.now();
    await expect(service.httpDispatch('GET', '/ra')).resolves.toEqual({ ok: 2 });
    expect(performance.now() - start).toBeGreaterThanOrEqual(900); // second-granular date: at least 1 s ahead
    expect(received).toHaveLength(2);
  });

  test('a Retry-After longer than retryAfterMaxMs is not waited for: the error surfaces at once', async () => {
    const { service, received } = await setup(failWith(503, { 'retry-after': '5' }), { retryAfterMaxMs: 2000 });
    const start = performance.now();
    const error = (await service.httpDispatch('GET', '/ra').catch((e: unknown) => e)) as APIException;
    expect(performance.now() - start).toBeLessThan(500);
    expect(error.statusCode).toBe(503);
    expect(error.attempts).toBe(1);
    expect(received).toHaveLength(1);
  });

  test('a Retry-After past the call deadline is not waited for', async () => {
    const { service, received } = await setup(failWith(503, { 'retry-after': '1' }), { retryAfterMaxMs: 2000 });
    const start = performance.now();
    await expect(service.httpDispatch('GET', '/ra', { responseTimeout: 500 })).rejects.toMatchObject({ statusCode: 503, attempts: 1 });
    expect(performance.now() - start).toBeLessThan(400);
    expect(received).toHaveLength(1);
  });
});

describe('retry budget', () => {
  test('a service failing every call sees at most maxTokens extra attempts', async () => {
    const { service, received } = await setup(failWith(500), { retryBudget: { maxTokens: 3, tokenRatio: 0.1 } });
    for (let i = 0; i < 10; i++) await service.httpDispatch('GET', '/down').catch(() => undefined);
    expect(received).toHaveLength(10 + 3);
    expect(service.retryBudget.tokens).toBeLessThan(1);
  });

  test('successful calls refill the budget by tokenRatio', async () => {
    let failing = true;
    const { service, received } = await setup((req, res, r, i) => (failing ? failWith(500)(req, res, r, i) : json(res, 200, {})), {
      retryBudget: { maxTokens: 1, tokenRatio: 0.5 },
    });
    await service.httpDispatch('GET', '/a').catch(() => undefined); // 1 + 1 retry: budget empty
    expect(received).toHaveLength(2);
    failing = false;
    await service.httpDispatch('GET', '/ok');
    await service.httpDispatch('GET', '/ok'); // two deposits of 0.5: one whole token again
    failing = true;
    await service.httpDispatch('GET', '/a').catch(() => undefined);
    expect(received).toHaveLength(2 + 2 + 2);
  });
});
