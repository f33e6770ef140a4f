/**
 * Retries, Insanic's rule made safe: only idempotent calls, only upstream failures (transport
 * errors, attempt timeouts, 5xx and 429), full-jitter exponential backoff, `Retry-After` honoured
 * when short, never past the deadline, and a per-service retry budget so a failing service sees
 * little extra traffic. An idempotent request that met a stale keep-alive socket is replayed
 * without counting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isStaleSocketFailure } from '../endpoints/stale.js';
import type { OutgoingRequest, RawResponse, Step } from '../pipeline.js';
import type { ResolvedSettings } from '../settings.js';
import type { HttpMethod } from '../types.js';
import { attempt, isAttemptTimeout } from './attempt.js';
import { isTransportError } from './errors.js';
import { retryAfterMs } from './retry-after.js';

export { retryAfterMs } from './retry-after.js';

/**
 * Token bucket in the deposit model (gRPC's retry throttling, Finagle's RetryBudget): starts full,
 * each retry spends one token, each successful call deposits `tokenRatio`.
 */
export class RetryBudgetBucket {
  #tokens: number;
  constructor(
    readonly maxTokens: number,
    readonly tokenRatio: number,
  ) {
    this.#tokens = maxTokens;
  }
  get tokens(): number {
    return this.#tokens;
  }
  withdraw(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
  deposit(): void {
    this.#tokens = Math.min(this.maxTokens, this.#tokens + this.tokenRatio);
  }
}

export interface RetryPolicyInput {
  method: HttpMethod;
  /** Lower-case request headers (an `idempotency-key` makes POST/PATCH retryable). */
  headers: Record<string, string>;
  callRetryCount: number | undefined;
  serviceRetryCount: number | undefined;
  /** The operation is marked `x-idempotent: true`. */
  idempotent: boolean;
}

/** How many retries a call may make (0 = one attempt). */
export function allowedRetries(input: RetryPolicyInput, settings: ResolvedSettings): number {
  const explicit = input.callRetryCount ?? input.serviceRetryCount;
  const count = Math.max(0, Math.min(settings.serviceConnectionMaxRetryCount, Math.floor(explicit ?? settings.serviceConnectionDefaultRetryCount)));
  switch (input.method) {
    case 'GET':
    case 'HEAD':
      return count;
    case 'POST':
    case 'PATCH':
      return input.idempotent || 'idempotency-key' in input.headers ? count : 0;
    default: // PUT, DELETE, OPTIONS: idempotent by RFC 9110, but Insanic never retried them unasked
      return input.idempotent || explicit !== undefined ? count : 0;
  }
}

/** Full jitter: random(0, min(max, base * 2^(retry-1))). */
export function backoffMs(retry: number, settings: ResolvedSettings, random = Math.random): number {
  return random() * Math.min(settings.retryBackoffMaxMs, settings.retryBackoffBaseMs * 2 ** (retry - 1));
}

const retryableStatus = (status: number) => status >= 500 || status === 429;
/** A pool closed by `closeAll()`/`configure()`: another attempt would fail the same way. */
const POOL_GONE = new Set(['UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);
const retryableError = (error: unknown) =>
  isAttemptTimeout(error) ||
  (isTransportError(error) && !POOL_GONE.has((error as { code?: string }).code ?? '') && (error as { retryable?: boolean }).retryable !== false);

/**
 * May a request that met a stale socket be replayed? Go's `isReplayable`: the idempotent methods,
 * or a request the retry policy already treats as idempotent (an Idempotency-Key, `x-idempotent`).
 */
function replayable(request: OutgoingRequest): boolean {
  const b = request.body;
  // A streamed upload was consumed by the failed attempt: it cannot be sent again.
  if (b !== null && typeof b !== 'string' && !(b instanceof Uint8Array) && !(b instanceof Blob)) return false;
  const m = request.method;
  return m === 'GET' || m === 'HEAD' || m === 'OPTIONS' || m === 'PUT' || m === 'DELETE' || 'idempotency-key' in request.headers || request.maxRetries > 0;
}

/** The delay before the next attempt, or undefined when this outcome must surface as is. */
function nextDelay(outcome: RawResponse | undefined, retry: number, request: OutgoingRequest, settings: ResolvedSettings): number | undefined {
  let delay = backoffMs(retry, settings);
  if (outcome && (outcome.status === 429 || outcome.status === 503)) {
    const after = retryAfterMs(outcome.headers['retry-after']);
    if (after !== undefined) {
      if (after > settings.retryAfterMaxMs) return undefined; // the service asked for more than we may wait
      delay = after;
    }
  }
  return Date.now() + delay < request.deadline ? delay : undefined;
}

export function retry(settings: ResolvedSettings, budget: RetryBudgetBucket): Step {
  return (next) => async (request) => {
    let replayed = false;
    for (let retries = 0; ; retries++) {
      let response: RawResponse | undefined;
      let failure: unknown;
      try {
        response = await attempt(next, request);
        if (!retryableStatus(response.status)) {
          budget.deposit();
          return response;
        }
      } catch (error) {
        if (request.signal?.aborted || request.timedOut) throw error;
        if (!replayed && isStaleSocketFailure(error) && replayable(request)) {
          replayed = true;
          retries--; // not a retry: the request never reached the service
          continue;
        }
        if (!retryableError(error)) throw error;
        failure = error;
      }
      const delay = retries < request.maxRetries ? nextDelay(response, retries + 1, request, settings) : undefined;
      if (delay === undefined || !budget.withdraw()) {
        if (response) return response;
        throw failure;
      }
      await sleep(delay, undefined, request.signal ? { signal: request.signal } : {});
    }
  };
}
