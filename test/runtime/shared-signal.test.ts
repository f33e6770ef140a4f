/** One AbortSignal shared by many concurrent calls: no MaxListenersExceededWarning, and its abort still ends them all. */

import { getService } from 'svc-gen/runtime';
import { expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json } from '../helpers/server.js';

const served = servedService('inv');

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
  await served.start((_req, res) => setTimeout(() => json(res, 200, { ok: true }), 20));
  const signal = new AbortController().signal;
  const warnings = await warningsDuring(() =>
    Promise.all(Array.from({ length: 25 }, () => getService('inv').httpDispatch('GET', '/x', { signal, attemptTimeout: 1000 }))),
  );
  expect(warnings.map((w) => w.name)).toEqual([]);
  expect(served.server.received).toHaveLength(25);
});

test('25 concurrent calls on one signal, then it aborts: all end request_cancelled, no warning', async () => {
  await served.start(() => new Promise(() => undefined));
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
