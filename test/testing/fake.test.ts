/**
 * The untyped engine (svc-gen/testing) on its own, spoken to over real HTTP: each fault kind,
 * per-operation faults, latency, a handler that throws or answers an undeclared status, reset(),
 * and handler names checked against the contract.
 */

import { createFake, type Fake } from 'svc-gen/testing';
import { afterEach, expect, it } from 'vitest';
import { contract } from '../fixtures/consumer/clients/user/contract.js';

const ANN = { id: 'u-1', email: 'ann@example.com', name: 'Ann', roles: [], createdAt: '2024-05-01T10:00:00Z' };
let fake: Fake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(handlers: Parameters<typeof createFake>[1] = { getUser: () => ({ status: 200, body: ANN }) }): Promise<Fake> {
  fake = await createFake('user', handlers, { contract, point: false });
  return fake;
}

const get = (f: Fake, path = '/users/u-1') => fetch(`${f.url}${path}`);

it('fail({ status }) answers the next n calls of one operation, then the handler answers', async () => {
  const f = await start();
  f.fail({ status: 500, body: { why: 'down' } }, { times: 2, operation: 'getUser' });
  expect((await get(f, '/users')).status).toBe(200); // listUsers: its example, the fault is not for it
  const first = await get(f);
  expect([first.status, await first.json()]).toEqual([500, { why: 'down' }]);
  expect((await get(f)).status).toBe(500);
  expect((await get(f)).status).toBe(200);
  expect(f.calls.map((c) => [c.operation, c.status])).toEqual([
    ['listUsers', 200],
    ['getUser', 500],
    ['getUser', 500],
    ['getUser', 200],
  ]);
});

it('fail({ reset: true }) destroys the connection', async () => {
  const f = await start();
  f.fail({ reset: true });
  await expect(get(f)).rejects.toThrow();
  expect((await get(f)).status).toBe(200);
});

it('fail({ delayMs }) and latency() delay the answer, which is then normal', async () => {
  const f = await start();
  f.fail({ delayMs: 150 });
  let t = performance.now();
  expect((await get(f)).status).toBe(200);
  expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  f.latency(100);
  t = performance.now();
  expect((await get(f)).status).toBe(200);
  expect(performance.now() - t).toBeGreaterThanOrEqual(90);
  f.reset();
  expect(f.calls).toEqual([]);
});

it('queue() takes statuses and faults in order; below 400 lets the handler answer', async () => {
  const f = await start();
  f.queue(429, { status: 503 }, 200);
  expect([(await get(f)).status, (await get(f)).status, (await get(f)).status, (await get(f)).status]).toEqual([429, 503, 200, 200]);
  expect(() => f.queue(700)).toThrow(/not an HTTP status/);
  expect(() => f.fail({ hang: false } as never)).toThrow(/not a fault/);
});

it('a handler that throws answers 500 handler_error; an undeclared status is a response violation', async () => {
  const f = await start({
    getUser: () => {
      throw new Error('oops');
    },
    deleteUser: () => ({ status: 200, body: ANN }),
  });
  const thrown = await get(f);
  expect([thrown.status, ((await thrown.json()) as { error: string }).error]).toEqual([500, 'handler_error']);
  expect((await fetch(`${f.url}/users/u-1`, { method: 'DELETE' })).status).toBe(200);
  expect(f.violations).toEqual([
    {
      service: 'user',
      operation: 'deleteUser',
      direction: 'response',
      status: 200,
      pointer: '/status',
      message: '/status 200 is not a response the spec declares (204, 404)',
    },
  ]);
});

it('query parameters are coerced to their schema types before the handler sees them', async () => {
  const seen: unknown[] = [];
  const f = await start({ listUsers: ({ query }) => (seen.push(query), { status: 200, body: { items: [], page: 1, perPage: 20, total: 0 } }) });
  expect((await get(f, '/users?page=2&role=staff&role=admin')).status).toBe(200);
  expect(seen).toEqual([{ page: 2, role: ['staff', 'admin'] }]);
  const bad = await get(f, '/users?page=zero');
  expect(bad.status).toBe(400);
  expect(f.violations.map((v) => v.pointer)).toEqual(['/query/page']);
});

it('a handler for an operation the service does not have is refused at start', async () => {
  await expect(createFake('user', { getUsr: () => ({ status: 200 }) }, { contract, point: false })).rejects.toThrow(/"user" has no operation "getUsr"/);
});

it('a handler answer with a bad date-time is a violation at its pointer', async () => {
  const f = await start({ getUser: () => ({ status: 200, body: { ...ANN, createdAt: '1 May 2024' } }) });
  expect((await get(f)).status).toBe(200);
  expect(f.violations.map((v) => [v.direction, v.status, v.pointer, v.message])).toEqual([
    ['response', 200, '/body/createdAt', '/body/createdAt must match format "date-time"'],
  ]);
});
