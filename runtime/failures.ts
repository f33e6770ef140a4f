/**
 * Every APIException the runtime builds itself, in one place: usage and URL refusals, cancellation,
 * an open circuit, undecodable bodies, contract violations, transport failures, redirects. Status,
 * error code and wording of each are decided here; the steps only choose which one applies.
 * The transport's own refusals are marked `retryable: false`: another attempt against the same
 * upstream would fail the same way (a certificate does not become valid, a body does not shrink).
 */
import { APIException, type CallSite, type ErrorCode, errorCode } from './errors.js';
import type { ContractViolation } from './validate/contract.js';

type Headers = Record<string, string | string[] | undefined>;

/** The body passed the size cap (502, `response_too_large`); the connection is dropped, not reused. */
export function responseTooLarge(limit: number, seen: number, decoded: boolean, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('response_too_large'),
    message: 'Response too large',
    description: `The response body${decoded ? ' (decompressed)' : ''} reached ${seen} bytes, over maxResponseBytes (${limit}); the connection was closed.`,
    headers,
    retryable: false,
  });
}

/** A content coding we cannot decode (502, `client_payload_error`). */
export function unsupportedCoding(name: string, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('client_payload_error'),
    message: 'Invalid response body',
    description: `The response uses content-encoding ${JSON.stringify(name.slice(0, 40))}; only gzip, deflate and br are decoded.`,
    headers,
    retryable: false,
  });
}

/** A compressed body that does not decode (502, `client_payload_error`). */
export function badCoding(cause: Error, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('client_payload_error'),
    message: 'Invalid response body',
    description: `The response body does not decode as its content-encoding says: ${cause.message}`,
    headers,
    cause,
  });
}

/** No body byte arrived for `ms` while the caller was reading a streamed body (503, `service_timeout`). */
export function bodyIdle(ms: number): APIException {
  return new APIException({
    statusCode: 503,
    errorCode: errorCode('service_timeout'),
    message: 'Service timed out',
    description: `No response body bytes for ${ms} ms (bodyIdleTimeout).`,
  });
}

/** Error codes of certificate, hostname and handshake failures (Node's tls and OpenSSL's names). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function tlsCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && TLS_CODE.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * A TLS refusal (503, `transport_error`, the reason in the description), or undefined when the
 * error is something else. ALPN failures say which switch to turn.
 */
export function tlsFailure(error: unknown, http2: boolean): APIException | undefined {
  const code = tlsCode(error);
  if (!code) return undefined;
  const alpn = code.includes('NO_APPLICATION_PROTOCOL');
  const hint = alpn
    ? http2
      ? ' The server accepts neither h2 nor http/1.1.'
      : ' The server offers no protocol we asked for: if it speaks only HTTP/2, set `http2: true` for this service.'
    : '';
  return new APIException({
    statusCode: 503,
    errorCode: errorCode('transport_error'),
    message: 'Transport error',
    description: `TLS ${code}: ${(error as Error).message}.${hint}`,
    cause: error,
    retryable: false,
  });
}

/** A usage error found before any byte is sent (500, `invalid_usage`). */
export function invalidUsage(description: string, site?: CallSite): APIException {
  return new APIException({ ...site, statusCode: 500, errorCode: errorCode('invalid_usage'), message: 'Invalid usage', description });
}

/** A malformed URL or endpoint (500, `invalid_url`). */
export function invalidUrl(description: string): APIException {
  return new APIException({ statusCode: 500, errorCode: errorCode('invalid_url'), message: 'Invalid URL', description });
}

/** The caller's signal fired (499, `request_cancelled`): not a timeout, never retried. */
export function cancelled(cause: unknown): APIException {
  return new APIException({
    statusCode: 499,
    errorCode: errorCode('request_cancelled'),
    message: 'Request cancelled',
    description: 'The caller aborted the call.',
    cause,
  });
}

/** The fast failure of an open circuit (503, `circuit_open`). */
export function circuitOpen(service: string): APIException {
  return new APIException({
    statusCode: 503,
    errorCode: errorCode('circuit_open'),
    message: 'Circuit open',
    description: `Calls to "${service}" are failing; the circuit is open and no request was sent.`,
  });
}

/** A 2xx body that claims JSON but does not parse (502, `client_payload_error`). */
export function payloadError(cause: unknown): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('client_payload_error'),
    message: 'Invalid response body',
    description: `The response claims JSON but does not parse: ${(cause as Error).message}`,
    cause,
  });
}

/** The `contract_violation` APIException of `throw` mode: 400 for a request never sent, 502 for a response. */
export function contractException(violations: ContractViolation[]): APIException {
  const first = violations[0] as ContractViolation;
  return new APIException({
    statusCode: first.direction === 'request' ? 400 : 502,
    errorCode: errorCode('contract_violation'),
    message: 'Contract violation',
    description: `${first.service}.${first.operation} ${first.direction}: ${violations.map((v) => v.message).join('; ')}`,
    body: violations,
  });
}

/** A connection-level failure (503): `service_unavailable` when nothing answered (refused, reset, DNS), else `transport_error`. */
export function transportFailure(error: unknown, code: string, causeCode: string, unavailable: boolean): APIException {
  const name = unavailable ? 'service_unavailable' : 'transport_error';
  return new APIException({
    statusCode: 503,
    errorCode: errorCode(name),
    message: unavailable ? 'Service unavailable' : 'Transport error',
    description: `${code}${causeCode ? ` (${causeCode})` : ''}: ${(error as Error).message}`,
    cause: error,
  });
}

/** undici's own refusal, mapped like ours (500 `invalid_usage`), with its error kept as the cause. */
export function usageException(error: unknown): APIException {
  return new APIException({
    statusCode: 500,
    errorCode: errorCode('invalid_usage'),
    message: 'Invalid usage',
    description: `The request cannot be sent: ${(error as Error).message}`,
    cause: error,
  });
}

/** A 3xx answer (`redirect_not_followed`): service calls never follow redirects. */
export function redirectNotFollowed(status: number, location: unknown, body: unknown, headers: Headers): APIException {
  return new APIException({
    statusCode: status,
    errorCode: errorCode('redirect_not_followed'),
    message: 'Redirect not followed',
    description: `The service answered ${status}${location ? ` to ${String(location).slice(0, 200)}` : ''}; service calls never follow redirects.`,
    body,
    headers,
  });
}

/** Anything else thrown inside a call (500, `unknown_error`, the cause kept). */
export function unknownError(error: unknown): APIException {
  return new APIException({
    statusCode: 500,
    errorCode: errorCode('unknown_error'),
    message: 'Unknown error',
    description: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/** The body of the context middleware's 504 for a request that arrived past its deadline (Insanic's shape). */
export function expiredRequestBody(): string {
  return JSON.stringify({
    message: 'Service timed out',
    description: 'The request arrived after its deadline; it was not processed.',
    error_code: errorCode('service_timeout'),
  });
}

/** A 4xx/5xx the caller does not get as a value: the server's own message and code when its body gives them (`unknown_error` otherwise). */
export function errorResponse(
  status: number,
  code: ErrorCode | undefined,
  message: string,
  description: string,
  body: unknown,
  headers: Headers,
): APIException {
  return new APIException({ statusCode: status, errorCode: code ?? errorCode('unknown_error'), message, description, body, headers });
}
