/**
 * Error mapping, the outermost step: every failure leaves the pipeline as an `APIException`
 * carrying where the call went and how many attempts it made.
 */

import { APIException, type CallSite, type ErrorCode, ResponseTimeoutError } from '../errors.js';
import { errorResponse, invalidUsage, redirectNotFollowed, transportFailure, unknownError, usageException } from '../failures.js';
import type { RawResponse, Step } from '../pipeline.js';
import { decodeBody } from '../response.js';
import { isAttemptTimeout } from './attempt.js';

/** Socket-level codes that mean the service is not reachable (503 `service_unavailable`). */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const DESCRIPTION_LIMIT = 1024;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What undici refuses before sending (a header it will not send, an `expect`): the caller's mistake. */
const USAGE_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH']);

/** undici refused the request before a byte was sent: `invalid_usage`, never retried or counted. */
export function isUsageError(error: unknown): boolean {
  return USAGE_CODES.has(codeOf(error) ?? '');
}

/**
 * A failure of the network or of the peer's HTTP, as opposed to a bug, an abort or a usage error:
 * errno codes, undici's socket/parser errors. These are the errors a retry may fix, and the only
 * thrown errors the breaker counts (with timeouts).
 */
export function isTransportError(error: unknown): boolean {
  if ((error as Error | null)?.name === 'HTTPParserError') return true; // undici leaves its code unset at times
  const code = codeOf(error);
  if (!code) return false;
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || USAGE_CODES.has(code)) return false;
  return code.startsWith('UND_ERR_') || code.startsWith('HPE_') || /^E[A-Z]+$/.test(code);
}

function transportException(error: unknown): APIException {
  const code = codeOf(error) ?? (error as Error).name;
  const causeCode = codeOf((error as { cause?: unknown }).cause) ?? '';
  return transportFailure(error, code, causeCode, UNAVAILABLE.has(code) || UNAVAILABLE.has(causeCode));
}

function isErrorCode(value: unknown): value is ErrorCode {
  const code = value as ErrorCode | null;
  return typeof code === 'object' && code !== null && typeof code.name === 'string' && typeof code.value === 'number';
}

/** Fields of an error response: Insanic's shape, RFC 9457 problem+json, or the raw text. */
function describeBody(body: unknown): { message?: string; description?: string; errorCode?: ErrorCode } {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string' && isErrorCode(b.error_code)) {
      return { message: b.message, description: typeof b.description === 'string' ? b.description : b.message, errorCode: b.error_code };
    }
    if (typeof b.title === 'string' || typeof b.detail === 'string') {
      return { ...(typeof b.title === 'string' && { message: b.title }), ...(typeof b.detail === 'string' && { description: b.detail }) };
    }
    // BigInts come from a lossless `parseJson`; JSON.stringify would throw on them.
    const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    return { description: text.slice(0, DESCRIPTION_LIMIT) };
  }
  return typeof body === 'string' && body ? { description: body.slice(0, DESCRIPTION_LIMIT) } : {};
}

/** The exception for a response that must not be returned (3xx always; 429/5xx always; 4xx when propagating). */
export function responseException(response: RawResponse, parseJson?: (text: string) => unknown): APIException {
  let body: unknown;
  try {
    body = decodeBody(response, 'auto', parseJson);
  } catch {
    body = new TextDecoder().decode(response.body); // an error body that claims JSON but is not: keep its text
  }
  const status = response.status;
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    return redirectNotFollowed(status, location, body, response.headers);
  }
  const fields = describeBody(body);
  const message = fields.message ?? `HTTP ${status}`;
  return errorResponse(status, fields.errorCode, message, fields.description ?? message, body, response.headers);
}

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, which the transport owns:
 * a caller's `connection: close` or `expect: 100-continue` cannot be honoured, so it is refused.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection'];
/** Header values are octets: Latin-1 without control characters other than tab (RFC 9110 §5.5). */
const NOT_LATIN1 = /[^\t\x20-\x7e\x80-\xff]/; // no `u` flag: the common path stays a plain scan

/**
 * Refuse, before the first attempt, what cannot be sent as given: `invalid_usage`, so it is neither
 * retried nor counted by the breaker or the retry budget. Values are never quoted (they may be tokens).
 */
export function checkSendable(headers: Record<string, string>): void {
  for (const name of HOP_BY_HOP) {
    if (name in headers) throw invalidUsage(`Header ${name} is hop-by-hop (RFC 9110 §7.6.1); the transport manages connections and does not send it.`);
  }
  for (const name in headers) {
    const value = headers[name]!;
    const bad = NOT_LATIN1.exec(value);
    if (bad) {
      const point = value.codePointAt(bad.index)!.toString(16).toUpperCase().padStart(4, '0');
      throw invalidUsage(`Header ${name} contains U+${point}, which is not a Latin-1 text character; encode the value (e.g. RFC 8187 or percent-encoding).`);
    }
  }
}

/** Any thrown value → APIException (unknown errors become 500 `unknown_error`, with the cause kept). */
export function toAPIException(error: unknown): APIException {
  if (error instanceof APIException) return error;
  if (isTransportError(error)) return transportException(error);
  if (isUsageError(error)) return usageException(error);
  if (isAttemptTimeout(error))
    return new ResponseTimeoutError({ timeoutMs: (error as { timeoutMs: number }).timeoutMs, description: (error as Error).message, cause: error });
  return unknownError(error);
}

/** Fill in where the call went, unless an inner step already did; the stack's first line then says it all. */
export function withSite(exception: APIException, site: Required<CallSite>): APIException {
  exception.service ||= site.service;
  exception.operation ||= site.operation;
  exception.method ||= site.method;
  exception.url ||= site.url;
  exception.attempts ||= site.attempts;
  exception.relabelStack();
  return exception;
}

/** Should this status be thrown rather than returned? 304 Not Modified is an answer, not a redirect. */
export function mustThrow(status: number, propagateError: boolean): boolean {
  return (status >= 300 && status < 400 && status !== 304) || status >= 500 || status === 429 || (propagateError && status >= 400);
}

export const mapErrors: Step = (next) => async (request) => {
  let response: RawResponse;
  try {
    response = await next(request);
  } catch (error) {
    throw withSite(toAPIException(error), request);
  }
  if (!request.returnEveryStatus && mustThrow(response.status, request.propagateError)) throw withSite(responseException(response, request.parseJson), request);
  return response;
};
