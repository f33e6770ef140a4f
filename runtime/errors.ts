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
  /** The operationId of a generated call, or `METHOD endpoint` for httpDispatch. */
  operation?: string;
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
  /** Headers of the response that caused it, as received; none for failures without a response. */
  headers?: Record<string, string | string[] | undefined>;
  /** `false` when another attempt cannot help (TLS refusals, over-size bodies): never retried. */
  retryable?: boolean;
}

/** Response headers as one lower-cased string per name (repeated ones joined with `, `, as fetch's Headers does). */
export function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

const API_EXCEPTION = Symbol.for('svc-gen.APIException');
const TIMEOUT_ERROR = Symbol.for('svc-gen.ResponseTimeoutError');

/**
 * Every failure of a service call: HTTP errors, transport errors, timeouts, bad bodies.
 * `B` is the body's type; generated guards (`UserService.isError(e, 'getUser')`) narrow it per status.
 */
export class APIException<B = unknown> extends Error {
  readonly statusCode: number;
  readonly errorCode: ErrorCode;
  readonly description: string;
  service: string;
  /** The operationId of a generated call, or `METHOD endpoint` for httpDispatch. */
  operation: string;
  method: string;
  url: string;
  attempts: number;
  /** The parsed error body of the response, when there was one. */
  readonly body: B;
  /**
   * The response's headers (lower-cased names, repeated ones joined with `, ` as fetch's Headers does,
   * so a declared header's type is one string); `{}` when no response was received.
   */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** `false` when another attempt cannot help: the retry step surfaces the error at once. Set only then. */
  declare readonly retryable?: boolean;

  constructor(init: APIExceptionInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'APIException';
    this.statusCode = init.statusCode;
    this.errorCode = init.errorCode;
    this.description = init.description ?? init.message;
    this.service = init.service ?? '';
    this.operation = init.operation ?? '';
    this.method = init.method ?? '';
    this.url = init.url ?? '';
    this.attempts = init.attempts ?? 0;
    this.body = init.body as B;
    this.headers = init.headers ? headerRecord(init.headers) : {};
    if (init.retryable !== undefined) Object.defineProperty(this, 'retryable', { value: init.retryable, enumerable: true });
    Object.defineProperty(this, API_EXCEPTION, { value: true });
  }

  /**
   * One log line: `APIException: user get_user GET /users/7 -> 404 user_not_found: No such user (attempts: 1)`.
   * The path leaves out the query string, which may carry data that does not belong in logs.
   */
  override toString(): string {
    const path = this.url ? ` ${this.url.replace(/^[a-z]+:\/\/[^/]*/i, '').split('?')[0] || '/'}` : '';
    const where = [this.service, this.operation].filter((x) => x).join(' ');
    const call = `${where}${this.method ? ` ${this.method}` : ''}${path}`.trim();
    const attempts = this.attempts === 1 ? '1 attempt' : `${this.attempts} attempts`;
    return `${this.name}: ${call ? `${call} -> ` : ''}${this.statusCode} ${this.errorCode.name}: ${this.description.replace(/\s+/g, ' ')} (${attempts})`;
  }

  /**
   * Rewrites the first line of `stack` to `toString()`: V8 fixes that line when the error is built,
   * before the call site is known, and loggers print `stack`.
   */
  relabelStack(): void {
    const stack = this.stack;
    if (typeof stack !== 'string') return;
    const firstFrame = stack.search(/\n\s+at /);
    Object.defineProperty(this, 'stack', { value: `${this.toString()}${firstFrame < 0 ? '' : stack.slice(firstFrame)}`, writable: true, configurable: true });
  }

  // The predicate makes `e instanceof APIException` narrow to `APIException<unknown>`, not `<any>`.
  static override [Symbol.hasInstance](value: unknown): value is APIException<unknown> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[API_EXCEPTION] === true;
  }
}

/**
 * True when `error` is an `APIException` thrown by `operation` (an operationId) of `service`: what the
 * generated `isError` guards check before narrowing to that operation's typed exception.
 */
export function isOperationError(error: unknown, service: string, operation: string): error is APIException {
  return error instanceof APIException && error.service === service && error.operation === operation;
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

  static override [Symbol.hasInstance](value: unknown): value is ResponseTimeoutError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TIMEOUT_ERROR] === true;
  }
}
