/**
 * `createFetch(name)`: a WHATWG `fetch` whose requests go through the named service's pipeline
 * (registry address, injected headers, retries, retry budget, circuit breaker, deadline, timeout),
 * so code written for openapi-fetch (or any client that takes a `fetch`) gets svc-gen's runtime:
 *
 *     const users = createClient<paths>({ baseUrl: 'http://user', fetch: createFetch('user') });
 *
 * Only the path and query of the request URL are used: the address (and its path prefix) comes from
 * the registry, so `baseUrl` only has to be absolute (`new Request` needs that). What svc-gen returns
 * (2xx, 4xx) comes back as a `Response`; what it throws (transport failures, timeouts, an open
 * circuit, cancellation, 3xx, and 429/5xx once retries are spent) rejects with `APIException`.
 * Bodies are buffered both ways (a request body so it can be re-sent; a response body is decoded
 * and capped at `maxResponseBytes` by the transport), so headers are passed on as received.
 */

import { splitBaseUrl } from './endpoints/upstream.js';
import type { APIException } from './errors.js';
import { invalidUsage } from './failures.js';
import type { OutgoingRequest, RawResponse } from './pipeline.js';
import { getService } from './registry.js';
import { currentSettings } from './settings.js';
import { toAPIException, withSite } from './steps/errors.js';
import { normalizeHeaders } from './steps/headers.js';
import { allowedRetries } from './steps/retry.js';
import type { HttpMethod } from './types.js';
import { checkEndpoint } from './url.js';

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Statuses whose `Response` must have a null body (fetch standard, "null body status"). */
const NULL_BODY = new Set([204, 205, 304]);

/** The shape of the global `fetch`, which openapi-fetch's `fetch` option takes. */
export type WhatwgFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A `fetch` that sends every request to service `serviceName` through its pipeline (see above). */
export function createFetch(serviceName: string): WhatwgFetch {
  return async (input, init) => {
    // Looked up per call: a later configure() replaces the service, as it does for generated clients.
    const service = getService(serviceName);
    let request: OutgoingRequest | undefined;
    try {
      const incoming = new Request(input, init);
      const method = incoming.method.toUpperCase();
      if (!METHODS.has(method)) throw invalidUsage(`Unsupported HTTP method ${JSON.stringify(incoming.method)}.`);
      const settings = currentSettings();
      const override = settings.services[serviceName] ?? {};
      const base = splitBaseUrl(service.baseUrl, override);
      if (!('origin' in base)) throw base;
      const target = new URL(incoming.url);
      const path = `${base.prefix}${checkEndpoint(target.pathname)}${target.search}`;
      const headers = normalizeHeaders(override.headers, Object.fromEntries(incoming.headers));
      const body = incoming.body ? new Uint8Array(await incoming.arrayBuffer()) : null;
      request = {
        service: serviceName,
        method: method as HttpMethod,
        url: `${base.origin}${path}`,
        origin: base.origin,
        path,
        headers,
        body,
        propagateError: false,
        maxRetries: allowedRetries(
          { method: method as HttpMethod, headers, callRetryCount: undefined, serviceRetryCount: override.retryCount, idempotent: false },
          settings,
        ),
        timeoutMs: override.timeout ?? settings.serviceTimeoutTotal,
        attemptTimeoutMs: override.attemptTimeout ?? settings.attemptTimeout,
        signal: incoming.signal,
        deadline: 0,
        timedOut: false,
        attempts: 0,
        operation: `${method} ${target.pathname}`,
      };
      return toResponse(await service.dispatch(request), method);
    } catch (error) {
      throw withSite(
        toAPIException(error),
        request ?? { service: serviceName, operation: '', method: init?.method ?? 'GET', url: service.baseUrl, attempts: 0 },
      ) satisfies APIException;
    }
  };
}

/** The pipeline's raw response as a fetch `Response` (repeated headers appended, not joined). */
function toResponse(raw: RawResponse, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const body = NULL_BODY.has(raw.status) || method === 'HEAD' ? null : raw.body;
  return new Response(body, { status: raw.status, headers });
}
