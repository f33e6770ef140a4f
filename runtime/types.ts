/**
 * Public types of the runtime: what `httpDispatch` and generated clients accept and return.
 * Generated code depends only on the names exported here and on `Service.call`.
 */

/** The HTTP methods a service call may use (Insanic accepts the same set). */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** A file to upload: a Blob, or bytes/text with an optional file name and content type. */
export type FileInput = Blob | { data: Uint8Array | string; filename?: string; contentType?: string };

/** Query values: primitives and arrays of primitives are sent as repeated `key=value` pairs. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type QueryParams = Record<string, QueryValue>;

/** Options every call accepts, from `httpDispatch` and from generated methods. */
export interface CallOptions {
  /** Throw `APIException` on any status >= 400. @default false for httpDispatch, true for generated methods */
  propagateError?: boolean;
  /** Return `[body, status]` instead of `body`. @default false */
  includeStatusCode?: boolean;
  /** Total time for the call in ms, across all attempts. @default the service's timeout, else serviceTimeoutTotal */
  responseTimeout?: number;
  /**
   * Time for one attempt in ms, inside `responseTimeout`: a hung attempt is abandoned and retried when
   * the method, the retry budget and the time left allow (Envoy's per_try_timeout). 0 turns it off.
   * @default the service's attemptTimeout, else the global attemptTimeout (0)
   */
  attemptTimeout?: number;
  /** Extra attempts after the first; capped at serviceConnectionMaxRetryCount. */
  retryCount?: number;
  /** Extra headers; they cannot override the injected identity and context headers. */
  headers?: Record<string, string>;
  /** Aborting it ends the call and any pending retry with a `request_cancelled` APIException. */
  signal?: AbortSignal;
}

/** Insanic's `http_dispatch` arguments, camelCased. */
export interface DispatchOptions extends CallOptions {
  queryParams?: QueryParams;
  /** Sent as JSON, or as form fields beside `files`. */
  payload?: unknown;
  files?: Record<string, FileInput>;
}

/** How a generated operation's request body is encoded. */
export type BodyType = 'json' | 'form' | 'multipart' | 'text' | 'binary';
/** How a generated operation's response body is decoded; `auto` follows the content type. */
export type ResponseType = 'auto' | 'text' | 'binary';

/** Static description of one operation, emitted by the generator. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template relative to the service's base URL, e.g. `/users/{id}`. */
  readonly path: string;
  readonly bodyType?: BodyType;
  readonly responseType?: ResponseType;
  /** `x-idempotent: true` in the spec: retried like GET. */
  readonly idempotent?: boolean;
}

/** The request parts of a generated operation call. */
export interface OperationParams {
  path?: Record<string, string | number | boolean>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  files?: Record<string, FileInput | readonly FileInput[]>;
}

/** A call's result: the body (success only, or success | error), optionally paired with the status. */
export type CallResult<Success, Failure, O extends CallOptions> = O extends { includeStatusCode: true }
  ? [CallData<Success, Failure, O>, number]
  : CallData<Success, Failure, O>;

/** Generated methods throw on >= 400 unless `propagateError: false`, in which case error bodies are returned too. */
export type CallData<Success, Failure, O extends CallOptions> = O extends { propagateError: false }
  ? Success | Failure
  : Success;

/** httpDispatch's result: the body, or `[body, status]` with `includeStatusCode: true`. */
export type DispatchResult<O extends CallOptions> = O extends { includeStatusCode: true } ? [unknown, number] : unknown;
