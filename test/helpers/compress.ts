/**
 * Compressed bodies for the decoding and size-cap tests: each coding the runtime decodes, and a
 * gzip bomb built without compressing a gibibyte (one deflate segment of zeros, repeated).
 */
import { brotliCompressSync, constants, crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

export type Coding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

/** `body` encoded with `coding`; `deflate-raw` is sent as `deflate` (some servers do). */
export function encode(coding: Coding, body: Buffer): Buffer {
  if (coding === 'gzip') return gzipSync(body);
  if (coding === 'deflate') return deflateSync(body);
  if (coding === 'deflate-raw') return deflateRawSync(body);
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }); // quality 11 takes ~1 s here
}

const MiB = 1024 * 1024;

/**
 * A gzip member that inflates to `mib` MiB of zeros: a full-flushed deflate segment of 1 MiB of
 * zeros is self-contained, so `mib` copies of it, a final empty block and the trailer are a
 * valid gzip stream (about 1 KiB per MiB).
 */
export function gzipOfZeros(mib: number): Buffer {
  const zero = Buffer.alloc(MiB);
  const segment = deflateRawSync(zero, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zero, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((mib * MiB) % 2 ** 32, 4);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return Buffer.concat([header, ...Array<Buffer>(mib).fill(segment), finalEmptyBlock, trailer]);
}

/** `gzip, gzip`: the 1 GiB member gzipped again, about 2.5 KiB on the wire. */
export function doubleGzipBomb(mib = 1024): Buffer {
  return gzipSync(gzipOfZeros(mib), { level: 9 });
}
