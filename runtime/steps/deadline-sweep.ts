/**
 * Every call's deadline, enforced by one timer instead of a timer, an AbortController and its
 * listeners per call (they were a third of svc-gen's own time per call). The timer is set for the
 * earliest deadline in flight; when it fires it ends the calls that are due and re-arms for the
 * next. Calls with one timeout arrive in deadline order, so adding one rarely touches the timer.
 * The timer keeps the process alive only while a call is in flight, as a per-call timer did.
 */
import type { OutgoingRequest } from '../pipeline.js';

const calls = new Set<OutgoingRequest>();
let timer: NodeJS.Timeout | undefined;
/** When the timer fires (epoch ms); Infinity when it is not set. */
let armedFor = Number.POSITIVE_INFINITY;

/** End `request`: mark it timed out and interrupt the attempt (or backoff) in progress. */
function expire(request: OutgoingRequest): void {
  request.timedOut = true;
  request.interrupt?.(new Error(`svc-gen: no complete response before the call's deadline`));
}

function arm(at: number): void {
  if (timer) clearTimeout(timer);
  armedFor = at;
  timer = setTimeout(sweep, Math.max(1, at - Date.now()));
}

function sweep(): void {
  timer = undefined;
  armedFor = Number.POSITIVE_INFINITY;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  for (const request of calls) {
    if (request.deadline <= now) {
      calls.delete(request);
      expire(request);
    } else if (request.deadline < next) next = request.deadline;
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}

/** Watch `request` until `unwatch`: at `request.deadline` it is interrupted and marked timed out. */
export function watch(request: OutgoingRequest): void {
  calls.add(request);
  if (request.deadline < armedFor) arm(request.deadline);
  else if (calls.size === 1) timer?.ref();
}

/** The call ended (or its deadline fired): stop watching it. */
export function unwatch(request: OutgoingRequest): void {
  calls.delete(request);
  // A timer still armed for a call that ended must not hold the process open.
  if (calls.size === 0) timer?.unref();
}
