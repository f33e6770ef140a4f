/**
 * A streamed response body: a Readable fed by undici's dispatch handler, with backpressure
 * (a full buffer pauses the socket, a read resumes it), an idle timer that runs only while we
 * are waiting on the network (not while the caller is slow), and destroy() that aborts the
 * request so the socket is freed at once.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { bodyIdle } from '../failures.js';

/** Bytes buffered before the socket is paused. */
const HIGH_WATER_MARK = 64 * 1024;

export class BodyStream extends Readable {
  readonly #controller: Dispatcher.DispatchController;
  readonly #idleMs: number;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(controller: Dispatcher.DispatchController, idleMs: number) {
    super({ highWaterMark: HIGH_WATER_MARK });
    this.#controller = controller;
    this.#idleMs = idleMs;
    this.#arm();
  }

  #arm(): void {
    if (this.#idleMs <= 0 || this.#ended || this.destroyed) return;
    if (this.#timer) this.#timer.refresh();
    else {
      this.#timer = setTimeout(() => this.destroy(bodyIdle(this.#idleMs)), this.#idleMs);
      this.#timer.unref();
    }
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A chunk from the network; pauses the socket when the caller is behind. */
  feed(chunk: Buffer): void {
    if (this.destroyed) return;
    if (this.push(chunk)) this.#arm();
    else {
      this.#disarm(); // waiting on the caller, not on the network
      this.#controller.pause();
    }
  }

  finish(): void {
    this.#ended = true;
    this.#disarm();
    this.push(null);
  }

  override _read(): void {
    if (this.#ended) return;
    this.#arm();
    if (this.#controller.paused) this.#controller.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#disarm();
    // Not ended: the caller gave up (or the idle timer fired); abort the request to free the socket.
    if (!this.#ended && !this.#controller.aborted) this.#controller.abort(error ?? new Error('svc-gen: response stream destroyed'));
    callback(error);
  }
}
