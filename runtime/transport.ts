/**
 * The transport: one keep-alive undici Pool per service origin, driven through the lowest public
 * layer, `pool.dispatch(options, handler)`, which skips the stream and promise machinery of
 * `request()` (itself ~4.8x global fetch on loopback). The handler (transport/handler.ts) caps,
 * decodes and collects or streams the body. Redirects are never followed (no redirect interceptor
 * is installed). Time limits belong to the timeout step, so undici's own header/body timers are
 * off; a streamed body has its own idle timer.
 */
import { buildConnector, type Dispatcher, Pool } from 'undici';
import { trackReuse } from './endpoints/stale.js';
import { tlsFailure } from './failures.js';
import type { Fetch, OutgoingRequest, RawResponse } from './pipeline.js';
import { DEFAULT_ACCEPT_ENCODING } from './transport/decode.js';
import { ResponseHandler, type ResponseLimits } from './transport/handler.js';
import { connectOptions, type TlsSettings } from './transport/tls.js';

/** How long `close()` lets in-flight calls finish before aborting them. */
export const CLOSE_GRACE_MS = 1000;

/** The default body cap: gRPC's default message size (see README, Production). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** The default idle limit of a streamed body (ms). */
export const DEFAULT_BODY_IDLE_TIMEOUT = 30_000;

/** One service's transport settings, resolved (see `ServiceOverride`). */
export interface TransportOptions {
  tls?: TlsSettings | undefined;
  /** Offer h2 in ALPN (https only); HTTP/1.1 stays available. */
  http2?: boolean;
  /** Connect to this Unix domain socket instead of the URL's host and port. */
  socketPath?: string | undefined;
  maxResponseBytes?: number;
  /** Sent when the caller sets no `accept-encoding`; `false` sends none. */
  acceptEncoding?: string | false;
  bodyIdleTimeout?: number;
  /** Extra `net.connect` options of one endpoint: a `lookup` that pins a resolved address (endpoints/). */
  connect?: { lookup?: import('node:net').LookupFunction };
}

export class Transport {
  #pool: Pool | undefined;
  readonly #http2: boolean;
  readonly #maxBytes: number;
  readonly #acceptEncoding: string | false;
  readonly #idleMs: number;
  /** The limits of a buffered, non-HEAD attempt with no per-call overrides: built once, not per attempt. */
  readonly #plainLimits: ResponseLimits;

  constructor(
    readonly origin: string,
    readonly connections: number,
    readonly options: TransportOptions = {},
  ) {
    this.#http2 = options.http2 === true;
    this.#maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#acceptEncoding = options.acceptEncoding ?? DEFAULT_ACCEPT_ENCODING;
    this.#idleMs = options.bodyIdleTimeout ?? DEFAULT_BODY_IDLE_TIMEOUT;
    this.#plainLimits = Object.freeze({ maxBytes: this.#maxBytes, stream: false, streamMaxBytes: Number.POSITIVE_INFINITY, idleMs: this.#idleMs, head: false });
  }

  #getPool(): Pool {
    const { tls, socketPath } = this.options;
    this.#pool ??= new Pool(this.origin, {
      connections: this.connections,
      headersTimeout: 0,
      bodyTimeout: 0,
      ...(this.#http2 && { allowH2: true }),
      // A connector function gets none of the Pool's own connect options: they are all given here.
      // trackReuse marks errors of sockets that had read before (the stale keep-alive replay).
      connect: trackReuse(
        buildConnector({
          ...(tls && connectOptions(tls)),
          ...this.options.connect,
          ...(this.#http2 && { allowH2: true }),
          ...(socketPath !== undefined && { socketPath }),
        } as buildConnector.BuildOptions),
      ),
    });
    return this.#pool;
  }

  readonly fetch: Fetch = (request: OutgoingRequest) => {
    const pool = this.#getPool();
    request.attempts++;
    if (this.#acceptEncoding && request.headers['accept-encoding'] === undefined) request.headers['accept-encoding'] = this.#acceptEncoding;
    const stream = request.responseMode === 'stream';
    const plain = !stream && request.maxResponseBytes === undefined && request.bodyIdleTimeout === undefined && request.method !== 'HEAD';
    const limits: ResponseLimits = plain
      ? this.#plainLimits
      : {
          maxBytes: request.maxResponseBytes ?? this.#maxBytes,
          stream,
          streamMaxBytes: request.maxResponseBytes ?? Number.POSITIVE_INFINITY,
          idleMs: request.bodyIdleTimeout ?? this.#idleMs,
          head: request.method === 'HEAD',
        };
    return new Promise<RawResponse>((resolve, reject) => {
      if (request.signal?.aborted) return reject(request.signal.reason);
      if (request.timedOut) return reject(new Error(`svc-gen: no complete response before the call's deadline`));
      const fail = (error: unknown) => reject(tlsFailure(error, this.#http2) ?? error);
      const handler = new ResponseHandler(request.signal, limits, resolve, fail);
      request.interrupt = handler.interrupt;
      // undici also sends Blobs and async iterables (web streams), though its types do not list them.
      pool.dispatch(
        { path: request.path, method: request.method, headers: request.headers, body: request.body as NonNullable<Dispatcher.DispatchOptions['body']> },
        handler,
      );
    });
  };

  /** Close the pool: in-flight calls get `graceMs`, then are aborted. */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    if (!pool || pool.closed || pool.destroyed) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    });
    await Promise.race([pool.close(), grace.then(() => pool.destroy())]);
    clearTimeout(timer);
  }
}
