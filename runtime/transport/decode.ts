/**
 * Content codings of a response (RFC 9110 §8.4): gzip, deflate and br are decoded, in the reverse
 * of the order the server applied them, whether or not we asked for them (§12.5.3 lets a server
 * send a coding unasked; a client that can decode it should). Any other coding is refused rather
 * than handed to the caller as if it were the body.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** What `accept-encoding` the runtime sends unless configured otherwise. */
export const DEFAULT_ACCEPT_ENCODING = 'gzip, deflate, br';

export type Coding = 'gzip' | 'deflate' | 'br';

/** The codings named by a `content-encoding` value, outermost last; identity dropped. */
export function parseCodings(value: string | string[] | undefined): Coding[] | { unsupported: string } {
  if (value === undefined) return [];
  const names = (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity');
  const codings: Coding[] = [];
  for (const name of names) {
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate' || name === 'br') codings.push(name);
    else return { unsupported: name };
  }
  return codings;
}

// Z_SYNC_FLUSH: a body cut short ends the stream without a zlib "unexpected end" thrown into
// an unrelated tick; truncation is still caught by undici's content-length check.
const ZLIB = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

/**
 * `deflate` means the zlib format (RFC 9110 §8.4.1.2), but some servers send raw deflate, as
 * browsers and undici's fetch tolerate: the first byte tells them apart (0x?8 is a zlib header).
 */
class DeflateDecoder extends Transform {
  #inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inner) {
      const inner = (chunk[0]! & 0x0f) === 0x08 ? createInflate(ZLIB) : createInflateRaw(ZLIB);
      inner.on('data', (out: Buffer) => this.push(out));
      inner.on('error', (error) => this.destroy(error));
      this.#inner = inner;
    }
    this.#inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#inner) return callback();
    this.#inner.once('end', () => callback());
    this.#inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }
}

/** One decoder per coding, in the order the bytes must pass through them. */
export function decoders(codings: readonly Coding[]): Transform[] {
  return [...codings].reverse().map((coding) => {
    if (coding === 'gzip') return createGunzip(ZLIB);
    if (coding === 'br') return createBrotliDecompress();
    return new DeflateDecoder();
  });
}
