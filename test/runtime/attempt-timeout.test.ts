/**
 * attemptTimeout (global, per service, per call) inside the total responseTimeout: a hung attempt
 * is abandoned and retried when method, budget and time left allow, against a real server whose
 * first request hangs.
 */

import { type APIException, ResponseTimeoutError, type Settings } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

/** The first request hangs (until its socket closes); every later one answers at once. */
const firstHangs: Handler = (_req, res, _received, index) => (index === 0 ? new Promise(() => undefined) : json(res, 200, { attempt: index + 1 }));
const hangs: Handler = () => new Promise(() => undefined);

const served = servedService('inv', { retryBackoffBaseMs: 1, retryBackoffMaxMs: 5 });
const setup = (handler: Handler, settings: Settings = {}, service: Record<string, unknown> = {}) =>
  served.start(handler, { ...settings, services: { inv: service } });

async function timed(call: Promise<unknown>): Promise<{ value: unknown; ms: number }> {
  const start = performance.now();
  const value = await call.catch((e: unknown) => e);
  return { value, ms: performance.now() - start };
}

describe('a hung first attempt, then a fast one', () => {
  test('per call: succeeds on the second attempt, well inside the total, and the hung socket is closed', async () => {
    const service = await setup(firstHangs);
    const closed = served.server.socketClosed();
    const { value, ms } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 150, responseTimeout: 5000 }));
    expect(value).toEqual({ attempt: 2 });
    await closed; // the server saw the abandoned attempt's socket close
    expect(served.server.received).toHaveLength(2);
    // attemptTimeout + a backoff of at most 5 ms + the fast answer; the total (5 s) was not used up.
    expect(ms).toBeGreaterThanOrEqual(145);
    expect(ms).toBeLessThan(1500);
  });

  test('per service', async () => {
    const service = await setup(firstHangs, {}, { attemptTimeout: 150 });
    await expect(service.httpDispatch('GET', '/x', { responseTimeout: 5000 })).resolves.toEqual({ attempt: 2 });
  });

  test('global', async () => {
    const service = await setup(firstHangs, { attemptTimeout: 150 });
    await expect(service.httpDispatch('GET', '/x', { responseTimeout: 5000 })).resolves.toEqual({ attempt: 2 });
  });

  test('the call beats the service, which beats the global (0 turns it off)', async () => {
    const service = await setup(firstHangs, { attemptTimeout: 150 }, { attemptTimeout: 150 });
    const { value } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 0, responseTimeout: 400 }));
    expect(value).toBeInstanceOf(ResponseTimeoutError);
    expect(served.server.received).toHaveLength(1); // no per-attempt limit: the one attempt used the whole 400 ms
  });
});

describe('when the attempt may not be retried', () => {
  test('POST: one attempt, then 503 service_timeout naming the attempt timeout', async () => {
    const service = await setup(firstHangs);
    const { value } = await timed(service.httpDispatch('POST', '/x', { payload: {}, attemptTimeout: 150, responseTimeout: 5000 }));
    expect(value).toBeInstanceOf(ResponseTimeoutError);
    expect(value).toMatchObject({ statusCode: 503, errorCode: { name: 'service_timeout', value: 999604 }, attempts: 1, method: 'POST' });
    expect((value as APIException).description).toContain('attemptTimeout (150 ms)');
    expect(served.server.received).toHaveLength(1);
  });

  test('an empty retry budget: one attempt only', async () => {
    const service = await setup(firstHangs, { retryBudget: { maxTokens: 0 } });
    const { value } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 150, responseTimeout: 5000 }));
    expect(value).toMatchObject({ errorCode: { name: 'service_timeout' }, attempts: 1 });
    expect(served.server.received).toHaveLength(1);
  });

  test('retries run out: every attempt timed out, 3 attempts, the budget spent by 2', async () => {
    const service = await setup(hangs);
    const { value } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 100, responseTimeout: 5000 }));
    expect(value).toMatchObject({ errorCode: { name: 'service_timeout' }, attempts: 3 });
    expect(served.server.received).toHaveLength(3);
    expect(service.retryBudget.tokens).toBe(8);
  });

  test('less time left than attemptTimeout: the total timeout governs, one attempt', async () => {
    const service = await setup(hangs);
    const { value, ms } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 1000, responseTimeout: 200 }));
    expect(value).toBeInstanceOf(ResponseTimeoutError);
    expect((value as APIException).description).toBe('No complete response within 200 ms.');
    expect(ms).toBeLessThan(900);
    expect(served.server.received).toHaveLength(1);
  });

  test("the caller's abort during an attempt: request_cancelled, not retried", async () => {
    const service = await setup(hangs);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { value } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 150, responseTimeout: 5000, signal: controller.signal }));
    expect(value).toMatchObject({ statusCode: 499, errorCode: { name: 'request_cancelled' }, attempts: 1 });
    expect(served.server.received).toHaveLength(1);
  });
});

test('attempt timeouts are upstream failures: they open the breaker', async () => {
  const service = await setup(hangs, { circuitBreaker: { minimumCalls: 3, failureRatio: 0.5 } });
  const { value } = await timed(service.httpDispatch('GET', '/x', { attemptTimeout: 60, responseTimeout: 5000, retryCount: 2 }));
  expect(value).toMatchObject({ errorCode: { name: 'service_timeout' }, attempts: 3 });
  expect(service.circuit.state).toBe('open');
});
