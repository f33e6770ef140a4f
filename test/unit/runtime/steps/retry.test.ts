/**
 * The retry step: its pure parts (policy table, backoff bounds, Retry-After, budget), then the step
 * itself with an injected `next`: what is retried, how often, when the budget or the deadline says no.
 */
import { describe, expect, test } from 'vitest';
import { resolveSettings } from '../../../../runtime/settings.js';
import { allowedRetries, backoffMs, RetryBudgetBucket, retry, retryAfterMs } from '../../../../runtime/steps/retry.js';
import type { HttpMethod } from '../../../../runtime/types.js';
import { codedError, outgoingRequest, response, scripted } from '../../../helpers/outgoing.js';

const settings = resolveSettings({}, {});

type Case = [
  name: string,
  given: { method: HttpMethod; call?: number; service?: number; headers?: Record<string, string>; idempotent?: boolean },
  want: number,
];
const cases: Case[] = [
  ['GET default', { method: 'GET' }, 2],
  ['GET 0', { method: 'GET', call: 0 }, 0],
  ['GET 2', { method: 'GET', call: 2 }, 2],
  ['GET 10 capped at max 4', { method: 'GET', call: 10 }, 4],
  ['GET negative floored', { method: 'GET', call: -3 }, 0],
  ['HEAD default', { method: 'HEAD' }, 2],
  ['POST never', { method: 'POST', call: 3 }, 0],
  ['PATCH never', { method: 'PATCH', call: 3 }, 0],
  ['POST with Idempotency-Key', { method: 'POST', headers: { 'idempotency-key': 'k' } }, 2],
  ['PATCH with Idempotency-Key and 3', { method: 'PATCH', call: 3, headers: { 'idempotency-key': 'k' } }, 3],
  ['POST x-idempotent', { method: 'POST', idempotent: true }, 2],
  ['PUT without explicit count', { method: 'PUT' }, 0],
  ['PUT with call count', { method: 'PUT', call: 1 }, 1],
  ['PUT with service count', { method: 'PUT', service: 3 }, 3],
  ['DELETE with call count over service count', { method: 'DELETE', call: 1, service: 3 }, 1],
  ['OPTIONS without', { method: 'OPTIONS' }, 0],
  ['GET service count', { method: 'GET', service: 1 }, 1],
];

describe('allowedRetries', () => {
  test.each(cases)('%s', (_name, given, want) => {
    const input = {
      method: given.method,
      headers: given.headers ?? {},
      callRetryCount: given.call,
      serviceRetryCount: given.service,
      idempotent: given.idempotent ?? false,
    };
    expect(allowedRetries(input, settings)).toBe(want);
  });
});

describe('backoffMs', () => {
  const s = resolveSettings({ retryBackoffBaseMs: 50, retryBackoffMaxMs: 300 }, {});
  test.each([
    [1, 50],
    [2, 100],
    [3, 200],
    [4, 300],
    [9, 300],
  ])('retry %i is at most %i ms (full jitter from 0)', (retry, cap) => {
    expect(backoffMs(retry, s, () => 0)).toBe(0);
    expect(backoffMs(retry, s, () => 0.999999)).toBeCloseTo(cap, 2);
    for (let i = 0; i < 200; i++) {
      const delay = backoffMs(retry, s);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(cap);
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T00:00:00Z');
  test.each([
    ['2', 2000],
    [' 0 ', 0],
    ['Tue, 24 Nov 2026 00:00:03 GMT', 3000],
    ['Mon, 23 Nov 2026 23:00:00 GMT', 0],
  ])('%j → %i ms', (header, want) => expect(retryAfterMs(header, now)).toBe(want));
  test.each([[undefined], [''], ['soon'], ['-1']])('%j → undefined', (header) => expect(retryAfterMs(header, now)).toBeUndefined());
});

describe('RetryBudgetBucket', () => {
  test('spends whole tokens, deposits tokenRatio up to maxTokens', () => {
    const bucket = new RetryBudgetBucket(2, 0.5);
    expect([bucket.withdraw(), bucket.withdraw(), bucket.withdraw()]).toEqual([true, true, false]);
    bucket.deposit();
    expect(bucket.withdraw()).toBe(false); // 0.5 is not a whole token
    bucket.deposit();
    expect(bucket.withdraw()).toBe(true);
    for (let i = 0; i < 10; i++) bucket.deposit();
    expect(bucket.tokens).toBe(2);
  });
});

describe('the retry step, with an injected next', () => {
  // Backoff of at most 1 ms, so the step's decisions are seen without waiting.
  const fast = resolveSettings({ retryBackoffBaseMs: 1, retryBackoffMaxMs: 1 }, {});
  const run = (next: ReturnType<typeof scripted>, fields: Parameters<typeof outgoingRequest>[0] = {}, budget = new RetryBudgetBucket(10, 0.1)) =>
    retry(fast, budget)(next)(outgoingRequest({ maxRetries: 2, ...fields }));

  test('503, 503, 200: three attempts, the 200 returned, two tokens spent and one deposited', async () => {
    const budget = new RetryBudgetBucket(10, 0.5);
    const next = scripted(503, 503, 200);
    expect((await run(next, {}, budget)).status).toBe(200);
    expect(next.seen).toHaveLength(3);
    expect(budget.tokens).toBe(8.5);
  });

  test('maxRetries bounds the attempts: the last 5xx is returned as is', async () => {
    const next = scripted(502);
    expect((await run(next, { maxRetries: 1 })).status).toBe(502);
    expect(next.seen).toHaveLength(2);
  });

  test.each([200, 304, 400, 404, 409])('%i is an answer: one attempt', async (status) => {
    const next = scripted(status, 200);
    expect((await run(next)).status).toBe(status);
    expect(next.seen).toHaveLength(1);
  });

  test('429 is retried like a 5xx', async () => {
    const next = scripted(429, 200);
    expect((await run(next)).status).toBe(200);
    expect(next.seen).toHaveLength(2);
  });

  test('an empty budget stops retries: the first 503 comes back after one attempt', async () => {
    const budget = new RetryBudgetBucket(1, 0.1);
    budget.withdraw();
    const next = scripted(503, 200);
    expect((await run(next, {}, budget)).status).toBe(503);
    expect(next.seen).toHaveLength(1);
  });

  test('transport errors are retried; the last one is thrown when attempts run out', async () => {
    const recovered = scripted(codedError('ECONNRESET'), 200);
    expect((await run(recovered)).status).toBe(200);
    const down = scripted(codedError('ECONNREFUSED'));
    await expect(run(down)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(down.seen).toHaveLength(3);
  });

  test.each([
    ['a plain Error (a bug)', new TypeError('bug')],
    ['a pool closed by closeAll()', codedError('UND_ERR_DESTROYED')],
    ['a usage error undici refused', codedError('UND_ERR_INVALID_ARG')],
    ['an error marked retryable: false', Object.assign(codedError('ECONNRESET'), { retryable: false })],
  ])('%s is thrown at once', async (_name, error) => {
    const next = scripted(error, 200);
    await expect(run(next)).rejects.toBe(error);
    expect(next.seen).toHaveLength(1);
  });

  test('Retry-After within retryAfterMaxMs replaces the backoff; beyond it the 503 is returned at once', async () => {
    const soon = scripted(response(503, { 'retry-after': '0' }), 200);
    expect((await run(soon)).status).toBe(200);
    const later = scripted(response(503, { 'retry-after': String(fast.retryAfterMaxMs / 1000 + 1) }), 200);
    expect((await run(later)).status).toBe(503);
    expect(later.seen).toHaveLength(1);
  });

  test('a retry that would start after the deadline is not made', async () => {
    const next = scripted(response(503, { 'retry-after': '1' }), 200); // 1 s asked, 500 ms left
    expect((await run(next, { deadline: Date.now() + 500 })).status).toBe(503);
    expect(next.seen).toHaveLength(1);
  });

  test('a request the deadline sweep ended is not retried', async () => {
    const request = outgoingRequest({ maxRetries: 2 });
    const error = codedError('ECONNRESET');
    const next = scripted(error, 200);
    const ending = async (r: typeof request) => {
      r.timedOut = true;
      return next(r);
    };
    await expect(retry(fast, new RetryBudgetBucket(10, 0.1))(ending)(request)).rejects.toBe(error);
    expect(next.seen).toHaveLength(1);
  });
});
