/**
 * The fault queue of a fake: outcomes taken one per call, in order, optionally only by one operation.
 */
import type { Fault } from './types.js';

/** What to do with the next call: a fault, or `pass` (answer normally). */
export type Outcome = Fault | { readonly pass: true };

interface Entry {
  readonly outcome: Outcome;
  readonly operation: string | undefined;
}

/** The queue and the added latency. */
export class Faults {
  #queue: Entry[] = [];
  latencyMs = 0;

  /** `fail(fault, { times, operation })`. */
  add(fault: Fault, times: number, operation: string | undefined): void {
    if (!Number.isInteger(times) || times < 1) throw new TypeError(`svc-gen/testing: times must be a positive integer (got ${times})`);
    checkFault(fault);
    for (let i = 0; i < times; i++) this.#queue.push({ outcome: fault, operation });
  }

  /** `queue(503, 503, 200)`: statuses >= 400 fail, lower ones pass. */
  sequence(outcomes: readonly (number | Fault)[]): void {
    for (const o of outcomes) {
      if (typeof o === 'number') {
        if (!Number.isInteger(o) || o < 100 || o > 599) throw new TypeError(`svc-gen/testing: ${o} is not an HTTP status`);
        this.#queue.push({ outcome: o >= 400 ? { status: o } : { pass: true }, operation: undefined });
      } else {
        checkFault(o);
        this.#queue.push({ outcome: o, operation: undefined });
      }
    }
  }

  /** Takes the first outcome that applies to `operation`, if any. */
  take(operation: string | undefined): Outcome | undefined {
    const i = this.#queue.findIndex((e) => e.operation === undefined || e.operation === operation);
    if (i < 0) return undefined;
    return this.#queue.splice(i, 1)[0]?.outcome;
  }

  clear(): void {
    this.#queue = [];
    this.latencyMs = 0;
  }
}

function checkFault(fault: Fault): void {
  const ok =
    ('status' in fault && Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599) ||
    ('reset' in fault && fault.reset === true) ||
    ('hang' in fault && fault.hang === true) ||
    ('delayMs' in fault && Number.isFinite(fault.delayMs) && fault.delayMs >= 0);
  if (!ok) throw new TypeError(`svc-gen/testing: not a fault: ${JSON.stringify(fault)} (use { status }, { reset: true }, { delayMs } or { hang: true })`);
}
