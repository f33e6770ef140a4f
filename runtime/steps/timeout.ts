/**
 * Total time per call, across attempts and backoffs, shortened by the context's deadline.
 * On expiry the in-flight request is aborted (the server sees its socket close). A caller's
 * signal is linked in, so its abort also stops the call and any pending retry at once.
 * `request.timedOut` is set only by the deadline sweep, so it means "our deadline ended this".
 */
import { getContext } from '../context.js';
import { ResponseTimeoutError } from '../errors.js';
import { cancelled } from '../failures.js';
import type { Step } from '../pipeline.js';
import { unwatch, watch } from './deadline-sweep.js';

/**
 * One 'abort' listener per caller signal, however many calls share it: a signal shared by 10+
 * concurrent calls would otherwise print MaxListenersExceededWarning. The listener stays for the
 * signal's life (the map is weak); each call adds and removes its own callback in the set.
 */
const followers = new WeakMap<AbortSignal, Set<() => void>>();

function follow(signal: AbortSignal, onAbort: () => void): void {
  let set = followers.get(signal);
  if (!set) {
    const callbacks = new Set<() => void>();
    followers.set(signal, callbacks);
    signal.addEventListener(
      'abort',
      () => {
        for (const callback of callbacks) callback();
      },
      { once: true },
    );
    set = callbacks;
  }
  set.add(onAbort);
}

function unfollow(signal: AbortSignal, onAbort: () => void): void {
  followers.get(signal)?.delete(onAbort);
}

/**
 * Without a caller's signal nothing is allocated per call: the deadline sweep interrupts the attempt
 * in progress. With one, a per-call controller follows it (so a signal shared by many calls gets
 * one listener) and replaces `request.signal` for the inner steps.
 */
export const timeout: Step = (next) => async (request) => {
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw cancelled(callerSignal.reason);
  const start = Date.now();
  const contextDeadline = getContext()?.deadline ?? Number.POSITIVE_INFINITY;
  request.deadline = Math.min(start + request.timeoutMs, contextDeadline);
  const budget = request.deadline - start;
  if (budget <= 0) {
    throw new ResponseTimeoutError({ timeoutMs: 0, description: 'The request deadline had passed before the call was sent.' });
  }
  let onCallerAbort: (() => void) | undefined;
  if (callerSignal) {
    const controller = new AbortController();
    onCallerAbort = () => controller.abort(callerSignal.reason);
    follow(callerSignal, onCallerAbort);
    request.signal = controller.signal;
  }
  watch(request);
  try {
    return await next(request);
  } catch (error) {
    if (request.timedOut) throw new ResponseTimeoutError({ timeoutMs: budget, cause: error });
    if (callerSignal?.aborted) throw cancelled(error);
    throw error;
  } finally {
    unwatch(request);
    if (onCallerAbort) unfollow(callerSignal!, onCallerAbort);
  }
};
