/**
 * Circuit breaker per service. It sits inside the retry loop, so every attempt (a retry too) must
 * pass it: when the share of failed attempts in a rolling window is too high, calls fail fast with
 * `circuit_open` without touching the network; after a cool-down a few probes are let through
 * (half-open), and a successful probe closes the circuit again.
 */

import { isStaleSocketFailure } from '../endpoints/stale.js';
import { circuitOpen } from '../failures.js';
import type { Step } from '../pipeline.js';
import type { CircuitBreakerSettings, CircuitStateChange } from '../settings.js';
import { isAttemptTimeout } from './attempt.js';
import { isTransportError } from './errors.js';

/**
 * Only upstream failures count: transport errors, our deadline or attempt timeout aborting the
 * attempt. A caller's abort, a usage error undici refused, a bug of ours, or a stale keep-alive
 * socket (the request never reached the service) say nothing about its health.
 */
export function isUpstreamFailure(error: unknown, callTimedOut: boolean): boolean {
  if (isStaleSocketFailure(error)) return false;
  return callTimedOut || isAttemptTimeout(error) || isTransportError(error);
}

export type CircuitState = CircuitStateChange['to'];

const BUCKETS = 10;

export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #openedAt = 0;
  #probes = 0;
  /** Rolling window of BUCKETS buckets: [bucket index, total, failures]. */
  #buckets = Array.from({ length: BUCKETS }, () => ({ index: -1, total: 0, failures: 0 }));

  constructor(
    readonly service: string,
    readonly settings: CircuitBreakerSettings,
    private readonly onChange: (change: CircuitStateChange) => void = () => {},
  ) {}

  get state(): CircuitState {
    return this.#state;
  }

  #counts(now: number): { total: number; failures: number } {
    const current = Math.floor(now / (this.settings.windowMs / BUCKETS));
    let total = 0;
    let failures = 0;
    for (const b of this.#buckets) {
      if (current - b.index < BUCKETS) {
        total += b.total;
        failures += b.failures;
      }
    }
    return { total, failures };
  }

  #transition(to: CircuitState, now: number): void {
    const from = this.#state;
    if (from === to) return;
    const { total, failures } = this.#counts(now);
    this.#state = to;
    if (to === 'open') this.#openedAt = now;
    if (to === 'closed') for (const b of this.#buckets) b.index = -1;
    this.#probes = 0;
    this.onChange({ service: this.service, from, to, failures, total });
  }

  /** May an attempt be sent now? Counts a half-open probe when it may. */
  allow(now = Date.now()): boolean {
    if (!this.settings.enabled || this.#state === 'closed') return true;
    if (this.#state === 'open') {
      if (now - this.#openedAt < this.settings.cooldownMs) return false;
      this.#transition('half-open', now);
    }
    if (this.#probes >= this.settings.halfOpenProbes) return false;
    this.#probes++;
    return true;
  }

  /** An attempt ended without telling anything about the service: give its probe back. */
  release(): void {
    if (this.#state === 'half-open' && this.#probes > 0) this.#probes--;
  }

  /** Record an attempt's outcome. */
  record(failed: boolean, now = Date.now()): void {
    if (!this.settings.enabled) return;
    if (this.#state === 'half-open') {
      this.#transition(failed ? 'open' : 'closed', now);
      return;
    }
    const index = Math.floor(now / (this.settings.windowMs / BUCKETS));
    const bucket = this.#buckets[index % BUCKETS]!;
    if (bucket.index !== index) Object.assign(bucket, { index, total: 0, failures: 0 });
    bucket.total++;
    if (failed) bucket.failures++;
    if (this.#state === 'closed' && failed) {
      const { total, failures } = this.#counts(now);
      if (total >= this.settings.minimumCalls && failures / total >= this.settings.failureRatio) this.#transition('open', now);
    }
  }
}

/** Wrap each attempt: refuse while open, and count 5xx, 429, transport errors and timeouts as failures. */
export function breaker(circuit: CircuitBreaker): Step {
  return (next) => async (request) => {
    if (!circuit.allow()) throw circuitOpen(request.service);
    try {
      const response = await next(request);
      circuit.record(response.status >= 500 || response.status === 429);
      return response;
    } catch (error) {
      // A hanging service must open the circuit, so our own timeouts count.
      if (isUpstreamFailure(error, request.timedOut)) circuit.record(true);
      else circuit.release();
      throw error;
    }
  };
}
