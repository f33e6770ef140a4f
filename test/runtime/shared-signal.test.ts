/** One AbortSignal shared by many concurrent calls: no MaxListenersExceededWarning, and its abort still ends them all. */

import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, expect, test } from 'vitest';
import { json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await closeAll();
  await server?.close();
  server = undefined;
});

/** Run `fn` and return the process warnings emitted meanwhile (and on the next ticks). */
async function warningsDuring(fn: () => Promise<unknown>): Promise<Error[]> {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on a later tick
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

test('25 concurrent calls on one signal: no warning, all succeed', async () => {
  server = await startServer((_req, res) => setTimeout(() => json(res, 200, { ok: true }), 20));
  configure({ serviceConnections: ['inv'], services: { inv: { url: server.url } } });
  const signal = new AbortController().signal;
  const warnings = await warningsDuring(() =>
    Promise.all(Array.from({ length: 25 }, () => getService('inv').httpDispatch('GET', '/x', { signal, attemptTimeout: 1000 }))),
  );
  expect(warnings.map((w) => w.name)).toEqual([]);
  expect(server.received).toHaveLength(25);
});

test('25 concurrent calls on one signal, then it aborts: all end request_cancelled, no warning', async () => {
  server = await startServer(() => new Promise(() => undefined));
  configure({ serviceConnections: ['inv'], services: { inv: { url: server.url } } });
  const controller = new AbortController();
  let outcomes: unknown[] = [];
  const warnings = await warningsDuring(async () => {
    const calls = Array.from({ length: 25 }, () =>
      getService('inv')
        .httpDispatch('GET', '/x', { signal: controller.signal })
        .catch((e: unknown) => e),
    );
    setTimeout(() => controller.abort(), 50);
    outcomes = await Promise.all(calls);
  });
  expect(warnings.map((w) => w.name)).toEqual([]);
  expect(outcomes.map((e) => (e as { errorCode?: { name: string } }).errorCode?.name)).toEqual(Array(25).fill('request_cancelled'));
});
