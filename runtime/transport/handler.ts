/**
 * The dispatch handler of one attempt: skips interim 1xx responses (RFC 9110 §15.2), caps the
 * body at `maxBytes` counted after decoding (so a small compression bomb stops at the cap),
 * decodes gzip/deflate/br, and either collects the body into one buffer or, for a streamed 2xx,
 * resolves at the headers with a `BodyStream`. It settles once, whatever undici calls afterwards;
 * refusing a response aborts the request, which makes undici destroy the socket (HTTP/1.1).
 */

import { finished, pipeline, type Readable, Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import { markBeforeResponse } from '../endpoints/stale.js';
import { badCoding, responseTooLarge, unsupportedCoding } from '../failures.js';
import type { RawResponse } from '../pipeline.js';
import { toAPIException } from '../steps/errors.js';
import { BodyStream } from './body-stream.js';
import { decoders, parseCodings } from './decode.js';

export interface ResponseLimits {
  /** Cap on a buffered body, in bytes (decoded and on the wire). */
  maxBytes: number;
  /** Deliver a 2xx body as a stream. */
  stream: boolean;
  /** Cap on a streamed body (Infinity: none). */
  streamMaxBytes: number;
  /** A streamed body fails when no byte arrives for this long (0: never). */
  idleMs: number;
  /** HEAD: `content-length` describes a body that is not sent, so it says nothing about size. */
  head: boolean;
}

const EMPTY = new Uint8Array(0);

export class ResponseHandler implements Dispatcher.DispatchHandler {
  #status = 0;
  #headers: RawResponse['headers'] = {};
  #chunks: Buffer[] = [];
  #bytes = 0;
  #wireBytes = 0;
  #max: number;
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  /** The first decoder of a compressed body, when there is one, and the whole chain. */
  #decoder: Transform | undefined;
  #chain: Transform[] = [];
  #stream: BodyStream | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#fail(this.#signal?.reason instanceof Error ? this.#signal.reason : new Error('aborted'));
  /** Abort this attempt unless it already settled (the call's deadline sweep calls it). */
  readonly interrupt = (reason: Error): void => {
    if (!this.#settled) this.#fail(reason);
  };

  constructor(
    signal: AbortSignal | undefined,
    private readonly limits: ResponseLimits,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.#max = limits.maxBytes;
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Refuse: settle with the error, drop the decoders, abort the request (the socket is destroyed). */
  #fail(error: Error): void {
    this.#settle(undefined, error);
    this.#chunks = [];
    // Every stage at once: a bomb's later stages must stop inflating now, not when pipeline() notices.
    for (const decoder of this.#chain) decoder.destroy();
    this.#stream?.destroy(error);
    // A request still queued for a connection has no controller yet: onRequestStart aborts it.
    if (this.#controller && !this.#controller.aborted) this.#controller.abort(error);
  }

  #settle(response: RawResponse | undefined, error?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    if (response) this.resolve(response);
    else this.reject(error);
  }

  #count(n: number, decoded: boolean): boolean {
    this.#bytes += n;
    if (this.#bytes <= this.#max) return true;
    this.#fail(responseTooLarge(this.#max, this.#bytes, decoded, this.#headers));
    return false;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled || this.#signal?.aborted) controller.abort(this.#signal?.reason ?? new Error('aborted'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: RawResponse['headers']): void {
    if (statusCode < 200) return; // an interim response (103 Early Hints, 102 Processing): the final one follows
    this.#status = statusCode;
    this.#headers = headers;
    const encoding = headers['content-encoding'];
    const streaming = this.limits.stream && statusCode < 300;
    if (streaming) this.#max = this.limits.streamMaxBytes;
    if (encoding === undefined) {
      // A declared length over the cap is refused before any body byte is read.
      const length = this.limits.head || statusCode === 304 ? 0 : Number(headers['content-length']);
      if (length > this.#max) return this.#fail(responseTooLarge(this.#max, length, false, headers));
      if (streaming) this.#startStream(controller, []);
      return; // the plain path: chunks are collected as they come
    }
    const codings = parseCodings(encoding);
    if (!Array.isArray(codings)) return this.#fail(unsupportedCoding(codings.unsupported, headers));
    const chain = decoders(codings);
    if (streaming) return this.#startStream(controller, chain);
    if (chain.length === 0) return;
    const last = chain[chain.length - 1]!;
    this.#decoder = chain[0];
    this.#chain = chain;
    last.on('data', (chunk: Buffer) => {
      if (!this.#settled && this.#count(chunk.length, true)) this.#chunks.push(chunk);
    });
    const done = (error?: Error | null) => {
      if (error) this.#fail(badCoding(error, headers));
      else this.#finish();
    };
    if (chain.length > 1) pipeline(chain, done);
    else finished(last, done);
  }

  #startStream(controller: Dispatcher.DispatchController, chain: Transform[]): void {
    const source = new BodyStream(controller, this.limits.idleMs);
    this.#stream = source;
    const stages: (Readable | Transform)[] = [source, ...chain];
    if (Number.isFinite(this.#max)) stages.push(this.#streamCap());
    // pipeline() carries errors and destroy() both ways: a caller destroying the last stage
    // destroys the source, which aborts the request.
    if (stages.length > 1) pipeline(stages, () => {});
    this.#settle({ status: this.#status, headers: this.#headers, body: EMPTY, stream: stages[stages.length - 1] as Readable });
  }

  /** Counts the decoded bytes of a streamed body against its cap. */
  #streamCap(): Transform {
    let seen = 0;
    const max = this.#max;
    const headers = this.#headers;
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > max) callback(responseTooLarge(max, seen, true, headers));
        else callback(null, chunk);
      },
    });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#stream) return this.#stream.feed(chunk);
    if (this.#settled) return;
    if (this.#decoder) {
      this.#wireBytes += chunk.length;
      if (this.#wireBytes > this.#max) return this.#fail(responseTooLarge(this.#max, this.#wireBytes, false, this.#headers));
      // Backpressure into the decoder: a bomb inflates no faster than we count it.
      if (!this.#decoder.write(chunk) && !_controller.paused) {
        _controller.pause();
        this.#decoder.once('drain', () => _controller.resume());
      }
      return;
    }
    if (this.#count(chunk.length, false)) this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#stream) return this.#stream.finish();
    if (this.#decoder) {
      this.#decoder.end();
      return;
    }
    this.#finish();
  }

  #finish(): void {
    const body = this.#chunks.length === 1 ? this.#chunks[0]! : this.#chunks.length === 0 ? EMPTY : Buffer.concat(this.#chunks);
    this.#chunks = [];
    this.#settle({ status: this.#status, headers: this.#headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#status === 0) markBeforeResponse(error); // for the stale keep-alive replay (retry step)
    if (this.#stream && this.#settled) {
      this.#stream.destroy(toAPIException(error));
      return;
    }
    this.#settle(undefined, error);
    for (const decoder of this.#chain) decoder.destroy();
  }
}
