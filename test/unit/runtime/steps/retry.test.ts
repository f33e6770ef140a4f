/** Unit tests of the retry step's pure parts: policy table, backoff bounds, Retry-After, budget. */
import { describe, expect, test } from 'vitest';
import { resolveSettings } from '../../../../runtime/settings.js';
import { allowedRetries, backoffMs, RetryBudgetBucket, retryAfterMs } from '../../../../runtime/steps/retry.js';
import type { HttpMethod } from '../../../../runtime/types.js';

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
