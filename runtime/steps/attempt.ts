/**
 * Per-attempt timeout, inside the call's total timeout (Envoy's `per_try_timeout`, the timeout of
 * gRPC's retry policy): a hung attempt is aborted after `attemptTimeoutMs`, so a retry can still
 * answer within the call's time. The abandoned attempt fails with `AttemptTimeoutError`, which the
 * retry step treats like any upstream failure (retried when method, budget and time left allow)
 * and the breaker counts. Without an attempt timeout, or when less time than it is left, nothing
 * is allocated: the call's own deadline governs.
 */
import type { Fetch, OutgoingRequest, RawResponse } from '../pipeline.js';

const ATTEMPT_TIMEOUT = Symbol.for('svc-gen.AttemptTimeoutError');

/** One attempt ran out of its own time; the call may still have time for another. */
export class AttemptTimeoutError extends Error {
  readonly code = 'SVC_GEN_ATTEMPT_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`No complete response to the attempt within attemptTimeout (${timeoutMs} ms).`);
    this.name = 'AttemptTimeoutError';
    Object.defineProperty(this, ATTEMPT_TIMEOUT, { value: true });
  }
}

export function isAttemptTimeout(error: unknown): error is AttemptTimeoutError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[ATTEMPT_TIMEOUT] === true;
}

/** Send one attempt through `next`, aborting it after the request's `attemptTimeoutMs`. */
export function attempt(next: Fetch, request: OutgoingRequest): Promise<RawResponse> {
  const ms = request.attemptTimeoutMs;
  // Not async: without a per-attempt limit this adds no promise, timer or controller.
  if (ms <= 0 || request.deadline - Date.now() <= ms) return next(request);
  return timedAttempt(next, request, ms);
}

async function timedAttempt(next: Fetch, request: OutgoingRequest, ms: number): Promise<RawResponse> {
  const callSignal = request.signal;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeoutError(ms)), ms);
  // The call's signal (deadline or caller abort) is one listener at a time: one attempt runs at once.
  const onCallAbort = () => controller.abort(callSignal?.reason);
  callSignal?.addEventListener('abort', onCallAbort, { once: true });
  request.signal = controller.signal;
  try {
    return await next(request);
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (isAttemptTimeout(reason) && !callSignal?.aborted) throw reason;
    throw error;
  } finally {
    clearTimeout(timer);
    callSignal?.removeEventListener('abort', onCallAbort);
    request.signal = callSignal;
  }
}
