/**
 * Bytes bodies: what counts as bytes, and how each kind reaches undici without being copied.
 * Streams go to undici as they are, so they are streamed (chunked), never buffered; they cannot be
 * replayed, so their calls are not retried. Blobs are streamed by undici afresh on every attempt.
 */
import type { BinaryBody } from '../types.js';

/** A request body in the form undici's `dispatch` sends (it streams Blobs, Readables and async iterables). */
export type WireBody = string | Uint8Array | Blob | AsyncIterable<Uint8Array> | NodeJS.ReadableStream | null;

/** A Node stream (`fs.ReadStream`, `Readable`, …): it pipes and emits. */
function isNodeStream(value: object): value is NodeJS.ReadableStream {
  return typeof (value as { pipe?: unknown }).pipe === 'function' && typeof (value as { on?: unknown }).on === 'function';
}

/** A stream of either kind (web `ReadableStream` or Node stream). */
export function isStreamBody(value: unknown): value is ReadableStream<Uint8Array> | NodeJS.ReadableStream {
  if (typeof value !== 'object' || value === null) return false;
  return value instanceof ReadableStream || isNodeStream(value);
}

/** Bytes as the caller gave them: a Buffer/Uint8Array (or any view), an ArrayBuffer, a Blob or a stream. */
export function isBinaryBody(value: unknown): value is BinaryBody {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Blob || isStreamBody(value);
}

/** The wire form of bytes, and whether a retry could send it again. */
export function wireBinary(value: BinaryBody | ArrayBufferView): { body: WireBody; replayable: boolean } {
  if (value instanceof Uint8Array) return { body: value, replayable: true };
  if (ArrayBuffer.isView(value)) return { body: new Uint8Array(value.buffer, value.byteOffset, value.byteLength), replayable: true };
  if (value instanceof ArrayBuffer) return { body: new Uint8Array(value), replayable: true };
  if (value instanceof Blob) return { body: value, replayable: true };
  return { body: value, replayable: false };
}

/** Close a stream body that will not be sent (a file's descriptor is released now, not at GC). */
export function discardBody(body: WireBody | undefined): void {
  if (body instanceof ReadableStream) {
    if (!body.locked) body.cancel().catch(() => {});
  } else if (body && typeof (body as { destroy?: unknown }).destroy === 'function' && isStreamBody(body)) {
    (body as unknown as { destroy: () => void }).destroy();
  }
}

/** The type a Blob declares, when it declares one. */
export function blobType(value: unknown): string | undefined {
  return value instanceof Blob && value.type !== '' ? value.type : undefined;
}
