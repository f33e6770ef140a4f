/**
 * Total time per call, across attempts and backoffs, shortened by the context's deadline.
 * On expiry the in-flight request is aborted (the server sees its socket close). A caller's
 * signal is linked in, so its abort also stops the call and any pending retry at once.
 */
import { getContext } from '../context.js';
import { ResponseTimeoutError } from '../errors.js';
import { cancelled } from '../failures.js';
import type { Step } from '../pipeline.js';


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
    signal.addEventListener('abort', () => {
      for (const callback of callbacks) callback();
    }, { once: true });
    set = callbacks;
  }
  set.add(onAbort);
}

function unfollow(signal: AbortSignal, onAbort: () => void): void {
  followers.get(signal)?.delete(onAbort);
}

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
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    request.timedOut = true;
    controller.abort(new Error(`svc-gen: no complete response within ${budget} ms`));
  }, budget);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal) follow(callerSignal, onCallerAbort);
  request.signal = controller.signal;
  try {
    return await next(request);
  } catch (error) {
    if (timedOut) throw new ResponseTimeoutError({ timeoutMs: budget, cause: error });
    if (callerSignal?.aborted) throw cancelled(error);
    throw error;
  } finally {
    clearTimeout(timer);
    if (callerSignal) unfollow(callerSignal, onCallerAbort);
  }
};
