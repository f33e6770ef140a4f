/**
 * One timer ends every call at its own deadline: a short call started after a long one still ends
 * first (the timer is re-armed earlier), calls sharing a timeout end together, and a call that
 * finished is never ended by a later sweep.
 */

import { ResponseTimeoutError } from 'svc-gen/runtime';
import { expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json } from '../helpers/server.js';

/** `/hang` never answers; `/ok` answers at once. */
// The breaker is off: 20 timeouts would rightly open it and refuse the calls after them.
const served = servedService('slow', { circuitBreaker: { enabled: false } });
const setup = () => served.start((req, res) => (req.url === '/ok' ? json(res, 200, { ok: true }) : new Promise(() => undefined)));

test('a short deadline set after a long one ends its call first', async () => {
  const service = await setup();
  const order: string[] = [];
  const settle = (name: string, p: Promise<unknown>) =>
    p.then(
      () => order.push(`${name} ok`),
      (e: unknown) => order.push(`${name} ${e instanceof ResponseTimeoutError ? 'timeout' : String(e)}`),
    );
  const long = settle('long', service.httpDispatch('GET', '/hang', { responseTimeout: 1500 }));
  const short = settle('short', service.httpDispatch('GET', '/hang', { responseTimeout: 100 }));
  await Promise.all([long, short]);
  expect(order).toEqual(['short timeout', 'long timeout']);
});

test('20 calls with one timeout all end with ResponseTimeoutError; a fast call in between is untouched', async () => {
  const service = await setup();
  const hanging = Array.from({ length: 20 }, () => service.httpDispatch('GET', '/hang', { responseTimeout: 300 }).catch((e: unknown) => e));
  while (served.server.received.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
  // Watched by the same timer, with a later deadline: the sweep that ends the 20 leaves it alone.
  expect(await service.httpDispatch('GET', '/ok', { responseTimeout: 2000 })).toEqual({ ok: true });
  const outcomes = await Promise.all(hanging);
  expect(outcomes.map((e) => (e as ResponseTimeoutError).errorCode?.name)).toEqual(Array(20).fill('service_timeout'));
  // The calls that ended left nothing behind: the next call with the same timeout succeeds.
  expect(await service.httpDispatch('GET', '/ok', { responseTimeout: 2000 })).toEqual({ ok: true });
});
