/**
 * The one error type of every service call, and Insanic's error-code numbering.
 * Errors are branded with `Symbol.for` (as undici does) so `instanceof` holds across
 * two copies of the package in one process.
 */

/** Insanic's global error codes (insanic/errors.py), plus svc-gen's own additions. */
export const GlobalErrorCodes = {
  // authentication errors
  authentication_credentials_missing: 999001,
  invalid_authorization_header: 999002,
  permission_denied: 999010,
  // token related errors
  signature_expired: 999101,
  signature_not_decodable: 999102,
  invalid_payload: 999103,
  invalid_token: 999104,
  invalid_signature: 999105,
  invalid_access: 999110,
  // user/service related
  inactive_user: 999201,
  invalid_service_token: 999250,
  // database related
  redis_unable_to_process: 999301,
  // general errors
  invalid_usage: 999401,
  not_found: 999404,
  // request related errors
  method_not_allowed: 999501,
  throttled: 999502,
  // server related errors
  server_signature_error: 999601,
  service_unavailable: 999603,
  service_timeout: 999604,
  // svc-gen: the caller aborted the call
  request_cancelled: 999605,
  // client-side failures of the call itself
  invalid_url: 999610,
  client_payload_error: 999620,
  // svc-gen: the response body (decoded) passed maxResponseBytes; the connection was dropped
  response_too_large: 999625,
  transport_error: 999630,
  stream_error: 999640,
  // svc-gen: a 3xx is never followed, so credentials cannot leak to another host
  redirect_not_followed: 999650,
  // svc-gen: the service's circuit breaker is open; nothing was sent
  circuit_open: 999660,
  // svc-gen: a request or response does not match the service's spec (validate: 'throw')
  contract_violation: 999670,
  error_unspecified: 999998,
  unknown_error: 999999,
} as const;

export type GlobalErrorName = keyof typeof GlobalErrorCodes;

/** An error code as Insanic sends it: `{ name, value }`. */
export interface ErrorCode {
  name: string;
  value: number;
}

/** Build the `{ name, value }` pair of a global error code. */
export function errorCode(name: GlobalErrorName): ErrorCode {
  return { name, value: GlobalErrorCodes[name] };
}

/** Where a failed call was going; filled in by the error-mapping step. */
export interface CallSite {
  service?: string;
  method?: string;
  url?: string;
  attempts?: number;
}

export interface APIExceptionInit extends CallSite {
  statusCode: number;
  errorCode: ErrorCode;
  message: string;
  description?: string;
  body?: unknown;
  cause?: unknown;
  /** Response headers (lower-case names), when the failure is a response. */
  headers?: Record<string, string | string[] | undefined>;
  /** `false` when another attempt cannot help (TLS refusals, over-size bodies): never retried. */
  retryable?: boolean;
}

const API_EXCEPTION = Symbol.for('svc-gen.APIException');
const TIMEOUT_ERROR = Symbol.for('svc-gen.ResponseTimeoutError');

/** Every failure of a service call: HTTP errors, transport errors, timeouts, bad bodies. */
export class APIException extends Error {
  readonly statusCode: number;
  readonly errorCode: ErrorCode;
  readonly description: string;
  service: string;
  method: string;
  url: string;
  attempts: number;
  /** The parsed error body of the response, when there was one. */
  readonly body: unknown;
  /** The response's headers with lower-case names (`{}` when no response was received). */
  readonly headers: Record<string, string | string[] | undefined>;
  /** `false` when another attempt cannot help: the retry step surfaces the error at once. Set only then. */
  declare readonly retryable?: boolean;

  constructor(init: APIExceptionInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'APIException';
    this.statusCode = init.statusCode;
    this.errorCode = init.errorCode;
    this.description = init.description ?? init.message;
    this.service = init.service ?? '';
    this.method = init.method ?? '';
    this.url = init.url ?? '';
    this.attempts = init.attempts ?? 0;
    this.body = init.body;
    this.headers = init.headers ?? {};
    if (init.retryable !== undefined) Object.defineProperty(this, 'retryable', { value: init.retryable, enumerable: true });
    Object.defineProperty(this, API_EXCEPTION, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[API_EXCEPTION] === true;
  }
}

/** The call's total time ran out (503, `service_timeout`). */
export class ResponseTimeoutError extends APIException {
  constructor(init: Omit<APIExceptionInit, 'statusCode' | 'errorCode' | 'message'> & { timeoutMs: number }) {
    super({
      ...init,
      statusCode: 503,
      errorCode: errorCode('service_timeout'),
      message: 'Service timed out',
      description: init.description ?? `No complete response within ${init.timeoutMs} ms.`,
    });
    this.name = 'ResponseTimeoutError';
    Object.defineProperty(this, TIMEOUT_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TIMEOUT_ERROR] === true;
  }
}

/** A usage error found before any byte is sent (500, `invalid_usage`). */
export function invalidUsage(description: string, site?: CallSite): APIException {
  return new APIException({ ...site, statusCode: 500, errorCode: errorCode('invalid_usage'), message: 'Invalid usage', description });
}
