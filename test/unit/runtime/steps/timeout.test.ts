/**
 * The timeout step with an injected `next`: the deadline it sets (the call's timeout, shortened by
 * the context's), a deadline already past, a caller's signal, and the deadline sweep ending a hung
 * call with ResponseTimeoutError (steps/deadline-sweep.ts interrupts it).
 */
import { expect, test } from 'vitest';
import { runWithContext } from '../../../../runtime/context.js';
import { ResponseTimeoutError } from '../../../../runtime/errors.js';
import { timeout } from '../../../../runtime/steps/timeout.js';
import { hanging, outgoingRequest, scripted } from '../../../helpers/outgoing.js';

test('the deadline is now + timeoutMs', async () => {
  const next = scripted(200);
  const before = Date.now();
  await timeout(next)(outgoingRequest({ timeoutMs: 3000 }));
  const { deadline } = next.seen[0]!.request;
  expect(deadline).toBeGreaterThanOrEqual(before + 3000);
  expect(deadline).toBeLessThanOrEqual(Date.now() + 3000);
});

test('a nearer context deadline wins over timeoutMs', async () => {
  const next = scripted(200);
  const contextDeadline = Date.now() + 700;
  await runWithContext({ deadline: contextDeadline }, () => timeout(next)(outgoingRequest({ timeoutMs: 60_000 })));
  expect(next.seen[0]!.request.deadline).toBe(contextDeadline);
});

test('a context deadline already past: ResponseTimeoutError before next', async () => {
  const next = scripted(200);
  const call = runWithContext({ deadline: Date.now() - 1 }, () => timeout(next)(outgoingRequest()));
  await expect(call).rejects.toBeInstanceOf(ResponseTimeoutError);
  expect(next.seen).toHaveLength(0);
});

test("a caller's signal already aborted: request_cancelled before next", async () => {
  const next = scripted(200);
  await expect(timeout(next)(outgoingRequest({ signal: AbortSignal.abort() }))).rejects.toMatchObject({
    statusCode: 499,
    errorCode: { name: 'request_cancelled' },
  });
  expect(next.seen).toHaveLength(0);
});

test("with a caller's signal, next gets a signal of its own that follows it", async () => {
  const caller = new AbortController();
  const request = outgoingRequest({ signal: caller.signal, timeoutMs: 5000 });
  const pending = timeout(hanging)(request).catch((e: unknown) => e);
  const inner = request.signal;
  expect(inner).not.toBe(caller.signal);
  caller.abort();
  expect(await pending).toMatchObject({ errorCode: { name: 'request_cancelled' } });
  expect(inner?.aborted).toBe(true);
  expect(request.timedOut).toBe(false);
});

test('a hung call is ended at its deadline: timedOut set, ResponseTimeoutError with the budget', async () => {
  const request = outgoingRequest({ timeoutMs: 30 });
  const error: unknown = await timeout(hanging)(request).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResponseTimeoutError);
  expect(request.timedOut).toBe(true);
  expect((error as ResponseTimeoutError).description).toContain('30');
});

test('a short call started after a long one still ends first', async () => {
  const long = outgoingRequest({ timeoutMs: 5000 });
  const short = outgoingRequest({ timeoutMs: 20 });
  const ended: string[] = [];
  const caller = new AbortController();
  const longCall = timeout(hanging)({ ...long, signal: caller.signal }).catch(() => ended.push('long'));
  await timeout(hanging)(short).catch(() => ended.push('short'));
  caller.abort();
  await longCall;
  expect(ended).toEqual(['short', 'long']);
});
