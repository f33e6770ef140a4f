/**
 * Public types of the runtime: what `httpDispatch` and generated clients accept and return.
 * Generated code depends only on the names exported here and on `Service.call`.
 */
import type { Readable } from 'node:stream';
import type { APIException } from './errors.js';

/** The HTTP methods a service call may use (Insanic accepts the same set). */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * Bytes to send as they are. Streams are streamed (never buffered) and, since they cannot be
 * replayed, a call whose body is a stream is never retried; bytes and Blobs can be.
 */
export type BinaryBody = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | NodeJS.ReadableStream;

/** A file to upload: a Blob, or bytes/text/a stream with an optional file name and content type. */
export type FileInput =
  | Blob
  | { data: Uint8Array | ArrayBuffer | string | ReadableStream<Uint8Array> | NodeJS.ReadableStream; filename?: string; contentType?: string };

/** Query values: primitives and arrays of primitives are sent as repeated `key=value` pairs. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[]
  | { readonly [key: string]: string | number | boolean | null | undefined };
export type QueryParams = Record<string, QueryValue>;

/** Options every call accepts, from `httpDispatch` and from generated methods. */
export interface CallOptions {
  /** Throw `APIException` on any status >= 400. @default false for httpDispatch, true for generated methods */
  propagateError?: boolean;
  /** Return `[body, status]` instead of `body`. @default false */
  includeStatusCode?: boolean;
  /**
   * `'response'`: never throw on an HTTP status; return `{ ok, status, data | error, headers }`
   * (`propagateError` and `includeStatusCode` are then ignored). Transport failures, timeouts and
   * success bodies that do not parse still throw `APIException`. @default 'body'
   */
  result?: 'body' | 'response';
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
  ? I extends object
    ? true
    : false
  : V extends object
    ? V[keyof V] extends infer W
      ? W extends object
        ? true
        : false
      : false
    : false;
/** deepObject carries a map only. */
type DeepCarries<V> = unknown extends V
  ? true
  : [Exclude<V, undefined | null>] extends [readonly unknown[]]
    ? false
    : [Exclude<V, undefined | null>] extends [object]
      ? true
      : false;

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
        ? DeepCarries<T[K]> extends true
          ? T[K]
          : never
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

/** Every status a 2xx response can have. */
export type SuccessStatus =
  | 200
  | 201
  | 202
  | 203
  | 204
  | 205
  | 206
  | 207
  | 208
  | 209
  | 210
  | 211
  | 212
  | 213
  | 214
  | 215
  | 216
  | 217
  | 218
  | 219
  | 220
  | 221
  | 222
  | 223
  | 224
  | 225
  | 226
  | 227
  | 228
  | 229
  | 230
  | 231
  | 232
  | 233
  | 234
  | 235
  | 236
  | 237
  | 238
  | 239
  | 240
  | 241
  | 242
  | 243
  | 244
  | 245
  | 246
  | 247
  | 248
  | 249
  | 250
  | 251
  | 252
  | 253
  | 254
  | 255
  | 256
  | 257
  | 258
  | 259
  | 260
  | 261
  | 262
  | 263
  | 264
  | 265
  | 266
  | 267
  | 268
  | 269
  | 270
  | 271
  | 272
  | 273
  | 274
  | 275
  | 276
  | 277
  | 278
  | 279
  | 280
  | 281
  | 282
  | 283
  | 284
  | 285
  | 286
  | 287
  | 288
  | 289
  | 290
  | 291
  | 292
  | 293
  | 294
  | 295
  | 296
  | 297
  | 298
  | 299;

/** Every status a response that is not a success can have when it reaches the caller (1xx never does). */
export type ErrorStatus =
  | 300
  | 301
  | 302
  | 303
  | 304
  | 305
  | 306
  | 307
  | 308
  | 309
  | 310
  | 311
  | 312
  | 313
  | 314
  | 315
  | 316
  | 317
  | 318
  | 319
  | 320
  | 321
  | 322
  | 323
  | 324
  | 325
  | 326
  | 327
  | 328
  | 329
  | 330
  | 331
  | 332
  | 333
  | 334
  | 335
  | 336
  | 337
  | 338
  | 339
  | 340
  | 341
  | 342
  | 343
  | 344
  | 345
  | 346
  | 347
  | 348
  | 349
  | 350
  | 351
  | 352
  | 353
  | 354
  | 355
  | 356
  | 357
  | 358
  | 359
  | 360
  | 361
  | 362
  | 363
  | 364
  | 365
  | 366
  | 367
  | 368
  | 369
  | 370
  | 371
  | 372
  | 373
  | 374
  | 375
  | 376
  | 377
  | 378
  | 379
  | 380
  | 381
  | 382
  | 383
  | 384
  | 385
  | 386
  | 387
  | 388
  | 389
  | 390
  | 391
  | 392
  | 393
  | 394
  | 395
  | 396
  | 397
  | 398
  | 399
  | 400
  | 401
  | 402
  | 403
  | 404
  | 405
  | 406
  | 407
  | 408
  | 409
  | 410
  | 411
  | 412
  | 413
  | 414
  | 415
  | 416
  | 417
  | 418
  | 419
  | 420
  | 421
  | 422
  | 423
  | 424
  | 425
  | 426
  | 427
  | 428
  | 429
  | 430
  | 431
  | 432
  | 433
  | 434
  | 435
  | 436
  | 437
  | 438
  | 439
  | 440
  | 441
  | 442
  | 443
  | 444
  | 445
  | 446
  | 447
  | 448
  | 449
  | 450
  | 451
  | 452
  | 453
  | 454
  | 455
  | 456
  | 457
  | 458
  | 459
  | 460
  | 461
  | 462
  | 463
  | 464
  | 465
  | 466
  | 467
  | 468
  | 469
  | 470
  | 471
  | 472
  | 473
  | 474
  | 475
  | 476
  | 477
  | 478
  | 479
  | 480
  | 481
  | 482
  | 483
  | 484
  | 485
  | 486
  | 487
  | 488
  | 489
  | 490
  | 491
  | 492
  | 493
  | 494
  | 495
  | 496
  | 497
  | 498
  | 499
  | 500
  | 501
  | 502
  | 503
  | 504
  | 505
  | 506
  | 507
  | 508
  | 509
  | 510
  | 511
  | 512
  | 513
  | 514
  | 515
  | 516
  | 517
  | 518
  | 519
  | 520
  | 521
  | 522
  | 523
  | 524
  | 525
  | 526
  | 527
  | 528
  | 529
  | 530
  | 531
  | 532
  | 533
  | 534
  | 535
  | 536
  | 537
  | 538
  | 539
  | 540
  | 541
  | 542
  | 543
  | 544
  | 545
  | 546
  | 547
  | 548
  | 549
  | 550
  | 551
  | 552
  | 553
  | 554
  | 555
  | 556
  | 557
  | 558
  | 559
  | 560
  | 561
  | 562
  | 563
  | 564
  | 565
  | 566
  | 567
  | 568
  | 569
  | 570
  | 571
  | 572
  | 573
  | 574
  | 575
  | 576
  | 577
  | 578
  | 579
  | 580
  | 581
  | 582
  | 583
  | 584
  | 585
  | 586
  | 587
  | 588
  | 589
  | 590
  | 591
  | 592
  | 593
  | 594
  | 595
  | 596
  | 597
  | 598
  | 599;

/**
 * Response headers: lower-cased names, repeated headers joined with `, `. Headers the spec declares for
 * the status are typed by name (`H`); every other one is reachable as a string.
 */
export type ResponseHeaders<H extends object = {}> = Readonly<H> & { readonly [name: string]: string | undefined };

/** A body the spec does not describe: any JSON value, text, or `null` when there is none. */
export type UndeclaredBody = {} | null;

/** One declared success status of a `result: 'response'` call. */
export interface OkResponse<S extends number, D, H extends object = {}> {
  readonly ok: true;
  readonly status: S;
  readonly data: D;
  readonly headers: ResponseHeaders<H>;
}

/** One non-success status of a `result: 'response'` call. */
export interface FailResponse<S extends number, E, H extends object = {}> {
  readonly ok: false;
  readonly status: S;
  readonly error: E;
  readonly headers: ResponseHeaders<H>;
}

/**
 * Every status the spec does not declare (and `default`/`4XX` ranges): its body is `unknown`.
 * Its `status` excludes the declared ones, so `status === 404` narrows to the declared 404 alone.
 * An interface, not an alias: its members (a 300-status `Exclude`) are only computed where used,
 * which keeps large clients fast to type-check.
 */
export interface UndeclaredFailure<Declared extends number> {
  readonly ok: false;
  readonly status: Exclude<ErrorStatus, Declared>;
  readonly error: unknown;
  readonly headers: ResponseHeaders;
}

/** An `APIException` for one declared status of an operation, with its body and header types. */
export interface StatusException<S extends number, B, H extends object = {}> extends APIException<B> {
  readonly statusCode: S;
  readonly headers: ResponseHeaders<H>;
}

/** An operation's `APIException` for any status it does not declare (transport failures included). */
export interface UndeclaredException<Declared extends number> extends APIException<unknown> {
  readonly statusCode: Exclude<ErrorStatus, Declared>;
  readonly headers: ResponseHeaders;
}

/**
 * `T` itself: lets a generated client declare `interface User extends Named<…> {}` (an interface may
 * only extend a name), so editors show `User` rather than its expanded structure.
 */
export type Named<T> = T;

/**
 * Marks an option the caller did not give. Not `undefined`: without `strictNullChecks`, `undefined`
 * is assignable to every literal, so `undefined extends true` would pick the wrong shape.
 */
declare const absentOption: unique symbol;
type Absent = typeof absentOption;

/** The type of option `K` in `O`: `Absent` when not given, `boolean` when not a literal. */
type OptionOf<O, K extends keyof CallOptions> = K extends keyof O ? O[K] : Absent;

/**
 * A generated method's result for options of type `O`. It follows the options' types, not only
 * literal values: a `boolean` (or absent-or-boolean, as in `CallOptions`) flag gives the union of
 * every shape it can select, so the type is never narrower than what comes back.
 * `Response` is the operation's `result: 'response'` union.
 */
export type CallResult<Success, Failure, O extends CallOptions, Response = unknown> =
  | ([Extract<OptionOf<O, 'result'>, 'response'>] extends [never] ? never : StreamedResponse<Response, OptionOf<O, 'responseType'>>)
  | ([Exclude<OptionOf<O, 'result'>, 'response'>] extends [never]
      ? never
      : WithStatus<CallData<Streamed<Success, OptionOf<O, 'responseType'>>, Failure, OptionOf<O, 'propagateError'>>, OptionOf<O, 'includeStatusCode'>>);

/**
 * The success body for `responseType` of type `RT`: a `Readable` where it may be `'stream'`
 * (only 2xx responses stream), the parsed body where it may be absent.
 */
export type Streamed<D, RT> = ([Extract<RT, 'stream'>] extends [never] ? never : Readable) | ([Exclude<RT, 'stream'>] extends [never] ? never : D);

/** A `result: 'response'` union whose `ok` variants carry a `Readable` where `responseType` may be `'stream'`. */
export type StreamedResponse<R, RT> = ([Extract<RT, 'stream'>] extends [never] ? never : StreamedOk<R>) | ([Exclude<RT, 'stream'>] extends [never] ? never : R);

/** Each `ok` variant of `R` with a `Readable` as its data; failures (always buffered) unchanged. */
export type StreamedOk<R> = R extends { readonly ok: true } ? Omit<R, 'data'> & { readonly data: Readable } : R;

/** `[data, status]` where `includeStatusCode` may be true, `data` where it may be false or absent. */
export type WithStatus<D, IncludeStatusCode> = IncludeStatusCode extends true ? [D, number] : D;

/** Generated methods throw on >= 400 unless `propagateError` may be false: then error bodies come back too. */
export type CallData<Success, Failure, PropagateError> = PropagateError extends false ? Success | Failure : Success;

/** httpDispatch's result: the body, `[body, status]` with `includeStatusCode: true`, or the response object. */
export type DispatchResult<O extends CallOptions> = CallResult<unknown, unknown, O, OkResponse<SuccessStatus, unknown> | FailResponse<ErrorStatus, unknown>>;
