/**
 * Drift detection: the step that checks a call against its service's contract. Added to the
 * pipeline only when a mode is not `off` (so `off` costs nothing). Per call, outside retries: the
 * request is checked once before it is sent, the final response once when it comes back.
 * `warn` reports to `onContractViolation`; `throw` fails the call with `contract_violation`
 * (a request is then never sent).
 */
import { contractException } from '../failures.js';
import type { RawResponse, Step } from '../pipeline.js';
import { parsedJson } from '../response.js';
import { type Finding, requestFindings, responseFindings } from './check.js';
import type { ContractSchemas } from './compile.js';
import type { ContractViolation } from './contract.js';
import { contractSchemas } from './contracts.js';
import { type OperationPlan, operationPlan } from './plan.js';
import { matchRoute, type Route, routesOf } from './route.js';

/** `off`: nothing loaded, no step. `warn`: report and go on. `throw`: report and fail the call. */
export type ValidationMode = 'off' | 'warn' | 'throw';

/** Which directions are checked, globally (`configure({ validate })`) or per service. @default both 'off' */
export interface ValidateSettings {
  requests?: ValidationMode;
  responses?: ValidationMode;
}

interface Prepared {
  readonly schemas: ContractSchemas;
  readonly routes: readonly Route[];
  /** Generated calls carry their operationId: its route and plan, found without matching the path. */
  readonly byOperationId: Map<string, { readonly routes: readonly Route[]; readonly plan: OperationPlan }>;
}

/** The validation step for `service`, or undefined when both modes are `off`. */
export function validationStep(service: string, modes: ValidateSettings, report: (violation: ContractViolation) => void): Step | undefined {
  const requests = modes.requests ?? 'off';
  const responses = modes.responses ?? 'off';
  if (requests === 'off' && responses === 'off') return undefined;
  let prepared: Promise<Prepared | undefined> | undefined;
  /** Set once the contract is compiled, so later calls do not wait on a promise. */
  let ready: Prepared | undefined;
  const prepare = () =>
    (prepared ??= (contractSchemas(service) ?? Promise.resolve(undefined)).then((schemas) => {
      if (!schemas) {
        console.warn(
          `svc-gen: validation is on for "${service}" but no contract is registered: import the generated index.ts (it registers every service's contract).`,
        );
        return undefined;
      }
      const routes = routesOf(schemas.contract);
      ready = { schemas, routes, byOperationId: new Map(routes.map((r) => [r.op.operationId, { routes: [r], plan: operationPlan(schemas, r.name) }])) };
      return ready;
    }));
  const raise = (mode: ValidationMode, found: readonly Finding[], name: string, status: number | undefined) => {
    const violations = found.map((f): ContractViolation => ({ service, operation: name, status, ...f }));
    for (const v of violations) report(v);
    if (mode === 'throw') throw contractException(violations);
  };
  return (next) => async (request) => {
    const p = ready ?? (await prepare());
    if (!p) return next(request);
    const named = p.byOperationId.get(request.operation);
    let plan = named?.plan;
    // A response check of a generated call needs only the operation; the path is matched when requests are checked.
    if (requests !== 'off' || !plan) {
      const q = request.path.indexOf('?');
      const match = matchRoute(named ? named.routes : p.routes, request.method, q < 0 ? request.path : request.path.slice(0, q));
      if (!match) return next(request);
      plan ??= operationPlan(p.schemas, match.name);
      // Streams and Blobs are sent as they are, unread: only buffered requests are checked.
      const body = request.body;
      if (requests !== 'off' && (body === null || typeof body === 'string' || body instanceof Uint8Array)) {
        const found = requestFindings(plan, {
          path: match.path,
          query: q < 0 || !plan.hasQuery ? undefined : new URLSearchParams(request.path.slice(q + 1)),
          headers: request.headers,
          contentType: request.headers['content-type'],
          body,
        });
        if (found.length > 0) raise(requests, found, plan.name, undefined);
      }
    }
    const response = await next(request);
    if (responses !== 'off') {
      const found = responseFindings(plan, response.status, contentType(response), parsedJson(response));
      if (found.length > 0) raise(responses, found, plan.name, response.status);
    }
    return response;
  };
}

function contentType(response: RawResponse): string | undefined {
  const value = response.headers['content-type'];
  return Array.isArray(value) ? value[0] : value;
}
