/**
 * Retries, Insanic's rule made safe: only idempotent calls, only transport errors, 5xx and 429,
 * full-jitter exponential backoff, `Retry-After` honoured when short, never past the deadline,
 * and a per-service retry budget so a failing service sees little extra traffic.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingRequest, RawResponse, Step } from '../pipeline.js';
import type { ResolvedSettings } from '../settings.js';
import type { HttpMethod } from '../types.js';
import { isTransportError } from './errors.js';

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

/** Parse `Retry-After` (delta-seconds or HTTP date) into ms; undefined when absent or invalid. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined; // IMF-fixdate only
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter: random(0, min(max, base * 2^(retry-1))). */
export function backoffMs(retry: number, settings: ResolvedSettings, random = Math.random): number {
  return random() * Math.min(settings.retryBackoffMaxMs, settings.retryBackoffBaseMs * 2 ** (retry - 1));
}

const retryableStatus = (status: number) => status >= 500 || status === 429;
/** A pool closed by `closeAll()`/`configure()`: another attempt would fail the same way. */
const POOL_GONE = new Set(['UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);
const retryableError = (error: unknown) =>
  isTransportError(error) && !POOL_GONE.has((error as { code?: string }).code ?? '') && (error as { retryable?: boolean }).retryable !== false;

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
    for (let retries = 0; ; retries++) {
      let response: RawResponse | undefined;
      let failure: unknown;
      try {
        response = await next(request);
        if (!retryableStatus(response.status)) {
          budget.deposit();
          return response;
        }
      } catch (error) {
        if (!retryableError(error) || request.signal?.aborted) throw error;
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
