/**
 * The steps a configuration adds to a service's pipeline: contract validation (only when a mode
 * is on) and the user's own steps (`configure({ steps })`, globally, then per service).
 *
 * Where they run (service.ts composes them):
 * - `per: 'call'` (the default): once per call, outside retries, after the timeout and header steps:
 *   a step sees the injected headers and the call's deadline and the final response after retries.
 * - `per: 'attempt'`: on every attempt, inside retries and the circuit breaker, before the deadline
 *   header is stamped and the request is sent.
 *
 * What a step may change: `request.headers` (add or replace; injected identity headers included,
 * at its own risk) and `request.signal`; it may return its own `RawResponse` without calling `next`
 * (a test double), call `next` again (per-call steps only: a per-attempt step should leave retries to
 * the runtime), or throw. Every other request field is read-only. Anything a step throws leaves the
 * call as an `APIException` (a non-APIException becomes 500 `unknown_error` with the cause kept).
 */
import type { Step, UserStep } from '../pipeline.js';
import type { ResolvedSettings } from '../settings.js';
import { validationStep } from '../validate/step.js';

function userSteps(steps: readonly UserStep[] | undefined, per: 'call' | 'attempt'): Step[] {
  return (steps ?? []).flatMap((s) => ((typeof s === 'function' ? 'call' : s.per) === per ? [typeof s === 'function' ? s : s.step] : []));
}

/** Per-call extras for `service`: global user steps, then the service's, then validation (when on), which so sees what is sent. */
export function callExtensions(service: string, settings: ResolvedSettings): Step[] {
  const own = settings.services[service];
  const validate = validationStep(service, { ...settings.validate, ...own?.validate }, settings.onContractViolation);
  return [...userSteps(settings.steps, 'call'), ...userSteps(own?.steps, 'call'), ...(validate ? [validate] : [])];
}

/** Per-attempt extras for `service`: global user steps, then the service's. */
export function attemptExtensions(service: string, settings: ResolvedSettings): Step[] {
  return [...userSteps(settings.steps, 'attempt'), ...userSteps(settings.services[service]?.steps, 'attempt')];
}
