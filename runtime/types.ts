/**
 * Public types of the runtime: what `httpDispatch` and generated clients accept and return.
 * Generated code depends only on the names exported here and on `Service.call`.
 */

import type { Readable } from 'node:stream';

/** The HTTP methods a service call may use (Insanic accepts the same set). */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * Bytes to send as they are. Streams are streamed (never buffered) and, since they cannot be
 * replayed, a call whose body is a stream is never retried; bytes and Blobs can be.
 */
export type BinaryBody = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | NodeJS.ReadableStream;

/** A file to upload: a Blob, or bytes/text/a stream with an optional file name and content type. */
export type FileInput = Blob | { data: Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | NodeJS.ReadableStream; filename?: string; contentType?: string };

/** Query values: primitives and arrays of primitives are sent as repeated `key=value` pairs. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[] | { readonly [key: string]: string | number | boolean | null | undefined };
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
  /** Aborting it ends the call and any pending retry with a `request_cancelled` APIException (and destroys a streamed body). */
  signal?: AbortSignal;
  /** Largest body for this call, in bytes after decompression. @default the service's, else maxResponseBytes (4 MiB); a stream is uncapped unless set here */
  maxResponseBytes?: number;
  /**
   * `'stream'`: a 2xx body is returned as a Node `Readable` of its bytes (decompressed, with
   * backpressure) as soon as the headers arrive; `responseTimeout` covers until then and
   * `bodyIdleTimeout` covers the body. Other statuses are buffered and handled as usual.
   */
  responseType?: 'stream';
  /** A streamed body fails after this long without a byte (ms). @default the service's, else bodyIdleTimeout (30 s) */
  bodyIdleTimeout?: number;
  /**
   * The request media type to send, one of the operation's (generated methods); its body type follows.
   * @default the operation's first (JSON first); for httpDispatch, JSON or the binary payload's type
   */
  contentType?: string;
}

/** Insanic's `http_dispatch` arguments, camelCased. */
export interface DispatchOptions extends CallOptions {
  queryParams?: QueryParams;
  /** OpenAPI styles for some query names; the others keep Insanic's form (arrays repeat the key). */
  queryStyles?: Record<string, QueryStyle>;
  /** Sent as JSON, as bytes when it is a `BinaryBody` (Buffer, Uint8Array, Blob, stream), or as form fields beside `files`. */
  payload?: unknown;
  files?: Record<string, FileInput | readonly FileInput[]>;
}

/** How a generated operation's request body is encoded. */
export type BodyType = 'json' | 'form' | 'multipart' | 'text' | 'binary';

/** OpenAPI's Encoding Object for one form field or multipart part. */
export interface PartEncoding {
  /** The part's content type (multipart); JSON types make a form field JSON text. */
  readonly contentType?: string;
  /** How a form field's array or object value is written. @default 'form' */
  readonly style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  /** @default true for style form, else false */
  readonly explode?: boolean;
  /** Leave RFC 3986 reserved characters unencoded in form fields. @default false */
  readonly allowReserved?: boolean;
}

/** One request media type of an operation. */
export interface MediaSpec {
  readonly type: BodyType;
  /** The media type's `encoding` object, by property name (form and multipart). */
  readonly encoding?: { readonly [property: string]: PartEncoding };
}

/** The content type a call chose with `options.contentType`, else the default `D`. */
export type ChosenContentType<O, D extends string> = O extends { readonly contentType: infer C extends string } ? C : D;
/** How a generated operation's response body is decoded; `auto` follows the content type. */
export type ResponseType = 'auto' | 'text' | 'binary';

/** How `httpDispatch` serializes one query name, as a Parameter Object would say it. */
export type QueryStyle = Pick<ParamSpec, 'style' | 'explode' | 'allowReserved' | 'allowEmptyValue' | 'content'>;

/** True when `V` (one of its union members) is a list or map holding an object: no style can carry that. */
type Nested<V> = V extends readonly (infer I)[]
  ? I extends object ? true : false
  : V extends object
    ? V[keyof V] extends infer W ? (W extends object ? true : false) : false
    : false;
/** deepObject carries a map only. */
type DeepCarries<V> = unknown extends V ? true : [Exclude<V, undefined | null>] extends [readonly unknown[]] ? false : [Exclude<V, undefined | null>] extends [object] ? true : false;

/**
 * A generated `params` part checked against what its styles can carry: a property whose type holds
 * a nested object becomes `never` (a compile error at the call instead of `[object Object]` on the
 * wire). `content` parameters (listed in `Json`) are sent as JSON and keep their type; `deepObject`
 * parameters (listed in `Deep`) must be maps.
 */
export type StyledParams<T, Json extends PropertyKey = never, Deep extends PropertyKey = never> = {
  [K in keyof T]: K extends Json
    ? T[K]
    : true extends Nested<Exclude<T[K], undefined>>
      ? never
      : K extends Deep
        ? DeepCarries<T[K]> extends true ? T[K] : never
        : T[K];
};

/** Static description of one operation, emitted by the generator. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template relative to the service's base URL, e.g. `/users/{id}`. */
  readonly path: string;
  readonly bodyType?: BodyType;
  /** The default request media type, as the spec names it (a key of `media`). */
  readonly contentType?: string;
  /** Every request media type the operation accepts; `options.contentType` picks one. */
  readonly media?: { readonly [contentType: string]: MediaSpec };
  readonly responseType?: ResponseType;
  /** `x-idempotent: true` in the spec: retried like GET. */
  readonly idempotent?: boolean;
  /** How each parameter is serialized; parameters not listed are sent as `httpDispatch` sends them. */
  readonly params?: readonly ParamSpec[];
}

/** Where a parameter goes (OpenAPI `in`). */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';
/** OpenAPI parameter styles (`cookie` is OpenAPI 3.2's). */
export type ParamStyle = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'cookie';

/** The serialization facts of one parameter, emitted by the generator; omitted fields take OpenAPI's defaults. */
export interface ParamSpec {
  readonly name: string;
  readonly in: ParamLocation;
  /** @default 'simple' for path and header, 'form' for query and cookie */
  readonly style?: ParamStyle;
  /** @default true for form (and cookie), else false */
  readonly explode?: boolean;
  /** Query: RFC 3986 reserved characters are sent unencoded. */
  readonly allowReserved?: boolean;
  /** Query: an empty list or map is sent as `name=` instead of nothing. */
  readonly allowEmptyValue?: boolean;
  /** Media type of a `content` parameter: the value is sent as JSON, percent-encoded for its location. */
  readonly content?: string;
  /** The document is OpenAPI 3.0.0–3.0.3 or 3.1.0, whose Style Examples join unexploded label lists with `.` and leave `|`, `[`, `]` raw. */
  readonly legacy?: boolean;
}

/** The request parts of a generated operation call. */
export interface OperationParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  body?: unknown;
  files?: Record<string, FileInput | readonly FileInput[]>;
}

/** A call's result: the body (success only, or success | error), optionally paired with the status. */
export type CallResult<Success, Failure, O extends CallOptions> = O extends { includeStatusCode: true }
  ? [CallData<Success, Failure, O>, number]
  : CallData<Success, Failure, O>;

/** Generated methods throw on >= 400 unless `propagateError: false`, in which case error bodies are returned too. */
export type CallData<Success, Failure, O extends CallOptions> = O extends { responseType: 'stream' }
  ? O extends { propagateError: false }
    ? Readable | Failure
    : Readable
  : O extends { propagateError: false }
    ? Success | Failure
    : Success;

/** httpDispatch's result: the body, or `[body, status]` with `includeStatusCode: true`. */
export type DispatchResult<O extends CallOptions> = O extends { includeStatusCode: true } ? [unknown, number] : unknown;
