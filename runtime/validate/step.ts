/**
 * Drift detection: the step that checks a call against its service's contract. Added to the
 * pipeline only when a mode is not `off` (so `off` costs nothing). Per call, outside retries: the
 * request is checked once before it is sent, the final response once when it comes back.
 * `warn` reports to `onContractViolation`; `throw` fails the call with `contract_violation`
 * (a request is then never sent).
 */
import { contractException } from '../failures.js';
import type { RawResponse, Step } from '../pipeline.js';
import { checkRequest, checkResponse, type Finding, isJsonMedia } from './check.js';
import type { ContractSchemas } from './compile.js';
import type { ContractViolation } from './contract.js';
import { contractSchemas } from './contracts.js';
import { matchRoute, routesOf } from './route.js';

/** `off`: nothing loaded, no step. `warn`: report and go on. `throw`: report and fail the call. */
export type ValidationMode = 'off' | 'warn' | 'throw';

/** Which directions are checked, globally (`configure({ validate })`) or per service. @default both 'off' */
export interface ValidateSettings {
  requests?: ValidationMode;
  responses?: ValidationMode;
}

interface Prepared {
  readonly schemas: ContractSchemas;
  readonly routes: ReturnType<typeof routesOf>;
  /** Generated calls carry their operationId: its route, found without matching the path. */
  readonly byOperationId: Map<string, ReturnType<typeof routesOf>[number]>;
}

/** The validation step for `service`, or undefined when both modes are `off`. */
export function validationStep(service: string, modes: ValidateSettings, report: (violation: ContractViolation) => void): Step | undefined {
  const requests = modes.requests ?? 'off';
  const responses = modes.responses ?? 'off';
  if (requests === 'off' && responses === 'off') return undefined;
  let prepared: Promise<Prepared | undefined> | undefined;
  const prepare = () =>
    (prepared ??= (contractSchemas(service) ?? Promise.resolve(undefined)).then((schemas) => {
      if (!schemas) {
        console.warn(
          `svc-gen: validation is on for "${service}" but no contract is registered: import the generated index.ts (it registers every service's contract).`,
        );
        return undefined;
      }
      const routes = routesOf(schemas.contract);
      return { schemas, routes, byOperationId: new Map(routes.map((r) => [r.op.operationId, r])) };
    }));
  const raise = (mode: ValidationMode, found: Finding[], name: string, status: number | undefined) => {
    if (found.length === 0) return;
    const violations = found.map((f): ContractViolation => ({ service, operation: name, status, ...f }));
    for (const v of violations) report(v);
    if (mode === 'throw') throw contractException(violations);
  };
  return (next) => async (request) => {
    const p = await prepare();
    if (!p) return next(request);
    const q = request.path.indexOf('?');
    const pathname = q < 0 ? request.path : request.path.slice(0, q);
    const named = p.byOperationId.get(request.operation);
    // A response check needs only the operation; path parameters are matched when requests are checked.
    const target = named && requests === 'off' ? named : matchRoute(named ? [named] : p.routes, request.method, pathname);
    if (!target) return next(request);
    // Streams and Blobs are sent as they are, unread: only buffered requests are checked.
    const body = request.body;
    if (requests !== 'off' && 'path' in target && (body === null || typeof body === 'string' || body instanceof Uint8Array)) {
      const query = new URLSearchParams(q < 0 ? '' : request.path.slice(q + 1));
      const { findings } = checkRequest(p.schemas, target.name, target.op, {
        path: target.path,
        query,
        headers: request.headers,
        contentType: request.headers['content-type'],
        body,
      });
      raise(requests, findings, target.name, undefined);
    }
    const response = await next(request);
    if (responses !== 'off')
      raise(
        responses,
        checkResponse(p.schemas, target.name, target.op, response.status, contentType(response), parsedBody(response)),
        target.name,
        response.status,
      );
    return response;
  };
}

function contentType(response: RawResponse): string | undefined {
  const value = response.headers['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

/** The JSON body of a response, parsed once more for the check (undefined when empty or not JSON). */
function parsedBody(response: RawResponse): unknown {
  if (response.body.length === 0 || !isJsonMedia(contentType(response))) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return undefined; // the errors step reports bodies that claim JSON and do not parse
  }
}
