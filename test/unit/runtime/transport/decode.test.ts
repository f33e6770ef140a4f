/** Content codings: which are parsed, and the decoders that undo them, on bytes made here with node:zlib. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { type Coding, DEFAULT_ACCEPT_ENCODING, decoders, parseCodings } from '../../../../runtime/transport/decode.js';

const text = 'hello, '.repeat(200);

async function decode(codings: Coding[], bytes: Buffer): Promise<string> {
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  // Two chunks: the deflate decoder picks zlib or raw from the first byte of the first one.
  await pipeline([Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), ...decoders(codings), sink]);
  return Buffer.concat(out).toString();
}

test.each([
  [undefined, []],
  ['', []],
  ['identity', []],
  ['GZIP', ['gzip']],
  ['x-gzip, br', ['gzip', 'br']],
  [
    ['deflate', ' identity ,gzip'],
    ['deflate', 'gzip'],
  ],
  ['gzip, zstd', { unsupported: 'zstd' }],
  ['compress', { unsupported: 'compress' }],
])('content-encoding %j parses as %j', (value, expected) => {
  expect(parseCodings(value)).toEqual(expected);
});

test('the default accept-encoding names exactly the codings that decode', () => {
  expect(parseCodings(DEFAULT_ACCEPT_ENCODING)).toEqual(['gzip', 'deflate', 'br']);
});

test.each([
  ['gzip', gzipSync],
  ['br', brotliCompressSync],
  ['deflate', deflateSync],
  ['deflate', deflateRawSync],
] as const)('%s (%o) decodes back to the text', async (coding, compress) => {
  expect(await decode([coding], compress(Buffer.from(text)))).toBe(text);
});

test('stacked codings are undone in reverse order: gzip then br applied, br then gzip removed', async () => {
  const bytes = brotliCompressSync(gzipSync(Buffer.from(text)));
  expect(await decode(['gzip', 'br'], bytes)).toBe(text);
  expect(decoders(['gzip', 'br']).map((d) => d.constructor.name)).toEqual(['BrotliDecompress', 'Gunzip']);
});

test('bytes that are not gzip fail the stream', async () => {
  await expect(decode(['gzip'], Buffer.from('plain text, not gzip'))).rejects.toThrow(/header/i);
});

test('an empty deflate body decodes to nothing', async () => {
  expect(await decode(['deflate'], Buffer.alloc(0))).toBe('');
});
