/**
 * Per-attempt timeout with an injected `next`: without one (or with less call time left) the
 * attempt runs untouched; with one, a hung attempt ends with AttemptTimeoutError and the caller's
 * signal is given back; a caller's abort wins over the attempt timeout.
 */
import { expect, test } from 'vitest';
import { AttemptTimeoutError, attempt, isAttemptTimeout } from '../../../../runtime/steps/attempt.js';
import { hanging, outgoingRequest, scripted } from '../../../helpers/outgoing.js';

test('no attemptTimeoutMs: next sees the request as given, signal included', async () => {
  const signal = new AbortController().signal;
  const next = scripted(200);
  expect((await attempt(next, outgoingRequest({ signal }))).status).toBe(200);
  expect(next.seen[0]!.signal).toBe(signal);
});

test('less call time left than attemptTimeoutMs: no attempt signal is made', async () => {
  const next = scripted(200);
  await attempt(next, outgoingRequest({ attemptTimeoutMs: 5000, deadline: Date.now() + 1000 }));
  expect(next.seen[0]!.signal).toBeUndefined();
});

test('with time left, next gets an attempt signal of its own; the request gets its own back after', async () => {
  const next = scripted(200);
  const request = outgoingRequest({ attemptTimeoutMs: 500, deadline: Date.now() + 5000 });
  await attempt(next, request);
  expect(next.seen[0]!.signal).toBeInstanceOf(AbortSignal);
  expect(request.signal).toBeUndefined();
});

test('a hung attempt ends after attemptTimeoutMs with AttemptTimeoutError; the request gets its signal back', async () => {
  const caller = new AbortController();
  const request = outgoingRequest({ attemptTimeoutMs: 20, signal: caller.signal, deadline: Date.now() + 5000 });
  const error: unknown = await attempt(hanging, request).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AttemptTimeoutError);
  expect(isAttemptTimeout(error)).toBe(true);
  expect((error as AttemptTimeoutError).timeoutMs).toBe(20);
  expect(request.signal).toBe(caller.signal);
});

test("the caller's abort during the attempt surfaces as the caller's reason, not as an attempt timeout", async () => {
  const caller = new AbortController();
  const request = outgoingRequest({ attemptTimeoutMs: 5000, signal: caller.signal, deadline: Date.now() + 10_000 });
  const pending = attempt(hanging, request).catch((e: unknown) => e);
  caller.abort(new Error('caller gave up'));
  const error = await pending;
  expect(isAttemptTimeout(error)).toBe(false);
  expect((error as Error).message).toBe('caller gave up');
});

test('isAttemptTimeout is false for other errors', () => {
  expect([new Error('x'), null, 'timeout', { code: 'SVC_GEN_ATTEMPT_TIMEOUT' }].map(isAttemptTimeout)).toEqual([false, false, false, false]);
});
