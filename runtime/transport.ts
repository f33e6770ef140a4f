/**
 * The transport: one keep-alive undici Pool per service, driven through the lowest public layer,
 * `pool.dispatch(options, handler)`. It skips the stream and promise machinery of `request()`
 * (itself ~4.8x global fetch on loopback): the body is collected as Buffer chunks. Redirects are
 * never followed (no redirect interceptor is installed). Time limits belong to the timeout step,
 * so undici's own header/body timers are off.
 */
import { Pool, buildConnector } from 'undici';
import type { Dispatcher } from 'undici';
import { markBeforeResponse, trackReuse } from './endpoints/stale.js';
import type { Fetch, OutgoingRequest, RawResponse } from './pipeline.js';

/** How long `close()` lets in-flight calls finish before aborting them. */
export const CLOSE_GRACE_MS = 1000;

/** Collects one response; settles once, whatever undici calls afterwards. */
class Collector implements Dispatcher.DispatchHandler {
  #status = 0;
  #headers: RawResponse['headers'] = {};
  readonly #chunks: Buffer[] = [];
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#abort(this.#signal?.reason);

  constructor(
    signal: AbortSignal | undefined,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  #abort(reason: unknown): void {
    const error = reason instanceof Error ? reason : new Error('aborted');
    // A request still queued for a connection has no controller yet: fail now, abort when it starts.
    this.#controller?.abort(error);
    this.#settle(undefined, error);
  }

  #settle(response: RawResponse | undefined, error?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    if (response) this.resolve(response);
    else this.reject(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled || this.#signal?.aborted) controller.abort(this.#signal?.reason ?? new Error('aborted'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: RawResponse['headers']): void {
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const body = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    this.#settle({ status: this.#status, headers: this.#headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#status === 0) markBeforeResponse(error); // for the stale keep-alive replay (retry step)
    this.#settle(undefined, error);
  }
}

export class Transport {
  #pool: Pool | undefined;

  /** `connect` options of one endpoint, e.g. a `lookup` that pins a resolved address (endpoints/). */
  constructor(
    readonly origin: string,
    readonly connections: number,
    readonly connectOptions: buildConnector.BuildOptions = {},
  ) {}

  #getPool(): Pool {
    this.#pool ??= new Pool(this.origin, {
      connections: this.connections,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: trackReuse(buildConnector(this.connectOptions)),
    });
    return this.#pool;
  }

  readonly fetch: Fetch = (request: OutgoingRequest) => {
    const pool = this.#getPool();
    request.attempts++;
    return new Promise<RawResponse>((resolve, reject) => {
      if (request.signal?.aborted) return reject(request.signal.reason);
      const collector = new Collector(request.signal, resolve, reject);
      pool.dispatch({ path: request.path, method: request.method, headers: request.headers, body: request.body }, collector);
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
