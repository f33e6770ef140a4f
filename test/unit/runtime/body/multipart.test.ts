/**
 * multipart/form-data bodies (RFC 7578) as exact bytes: fields, JSON fields, repeated parts, file
 * parts and their types, name escaping, and which body form each mix becomes (Buffer, Blob, stream).
 */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { encodeMultipart } from '../../../../runtime/body/multipart.js';

const usage = (description: string) => expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }), description });

/** The boundary the body was written with, read off its content type. */
function boundaryOf(contentType: string): string {
  const m = /^multipart\/[\w-]+; boundary=(svc-gen-[0-9a-f-]{36})$/.exec(contentType);
  if (!m) throw new Error(`unexpected content type ${contentType}`);
  return m[1] as string;
}

/** Expected body text: each part as [head lines, data], then the closing delimiter. */
function expected(boundary: string, parts: [head: string[], data: string][]): string {
  return `${parts.map(([head, data]) => `--${boundary}\r\n${head.join('\r\n')}\r\n\r\n${data}\r\n`).join('')}--${boundary}--\r\n`;
}

async function text(body: unknown): Promise<string> {
  if (body instanceof Blob) return body.text();
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('encodeMultipart', () => {
  test('fields: text without a type, objects as JSON, arrays as repeated parts, undefined skipped', async () => {
    const out = encodeMultipart({ name: 'Ann', n: 3, meta: { a: [1] }, tags: ['x', 'y'], gone: undefined }, undefined);
    const b = boundaryOf(out.contentType);
    expect(out.contentType).toBe(`multipart/form-data; boundary=${b}`);
    expect(Buffer.isBuffer(out.body)).toBe(true);
    expect(out.replayable).toBe(true);
    expect(await text(out.body)).toBe(
      expected(b, [
        [['Content-Disposition: form-data; name="name"'], 'Ann'],
        [['Content-Disposition: form-data; name="n"'], '3'],
        [['Content-Disposition: form-data; name="meta"', 'Content-Type: application/json'], '{"a":[1]}'],
        [['Content-Disposition: form-data; name="tags"'], 'x'],
        [['Content-Disposition: form-data; name="tags"'], 'y'],
      ]),
    );
  });

  test("an encoding's contentType types a field (the first concrete one of a list); the subtype is kept", async () => {
    const out = encodeMultipart(
      { csv: 'a,b', doc: { k: 1 } },
      undefined,
      { csv: { contentType: 'text/*, text/csv' }, doc: { contentType: 'application/x+json' } },
      'multipart/mixed',
    );
    const b = boundaryOf(out.contentType);
    expect(out.contentType).toBe(`multipart/mixed; boundary=${b}`);
    expect(await text(out.body)).toBe(
      expected(b, [
        [['Content-Disposition: form-data; name="csv"', 'Content-Type: text/csv'], 'a,b'],
        [['Content-Disposition: form-data; name="doc"', 'Content-Type: application/x+json'], '{"k":1}'],
      ]),
    );
  });

  test('file parts: bytes, { data, filename, contentType }, a File; names escaped as WHATWG does', async () => {
    const out = encodeMultipart(
      { raw: new Uint8Array([104, 105]) },
      {
        'a"b\r\nc': { data: 'hello', filename: 'x"y\n.txt', contentType: 'text/plain' },
        many: [new File(['one'], 'one.bin', { type: 'image/png' }), { data: new TextEncoder().encode('two').buffer }],
      },
    );
    const b = boundaryOf(out.contentType);
    expect(out.body).toBeInstanceOf(Blob);
    expect(out.replayable).toBe(true);
    expect(await text(out.body)).toBe(
      expected(b, [
        [['Content-Disposition: form-data; name="raw"; filename="file"', 'Content-Type: application/octet-stream'], 'hi'],
        [['Content-Disposition: form-data; name="a%22b%0D%0Ac"; filename="x%22y%0A.txt"', 'Content-Type: text/plain'], 'hello'],
        [['Content-Disposition: form-data; name="many"; filename="one.bin"', 'Content-Type: image/png'], 'one'],
        [['Content-Disposition: form-data; name="many"; filename="file"', 'Content-Type: application/octet-stream'], 'two'],
      ]),
    );
  });

  test('a stream part makes the body a one-shot stream, in order', async () => {
    const out = encodeMultipart({ a: '1' }, { up: { data: Readable.from([Buffer.from('ab'), Buffer.from('cd')]), filename: 'u' } });
    const b = boundaryOf(out.contentType);
    expect(out.replayable).toBe(false);
    expect(Buffer.isBuffer(out.body) || out.body instanceof Blob).toBe(false);
    expect(await text(out.body)).toBe(
      expected(b, [
        [['Content-Disposition: form-data; name="a"'], '1'],
        [['Content-Disposition: form-data; name="up"; filename="u"', 'Content-Type: application/octet-stream'], 'abcd'],
      ]),
    );
  });

  test('no fields and no files: only the closing delimiter; each call has its own boundary', async () => {
    const one = encodeMultipart(undefined, undefined);
    const two = encodeMultipart(null, {});
    expect(await text(one.body)).toBe(`--${boundaryOf(one.contentType)}--\r\n`);
    expect(boundaryOf(one.contentType)).not.toBe(boundaryOf(two.contentType));
  });

  test.each([['text'], [[1]], [new Uint8Array(1)]])('fields %j are refused', (fields) => {
    expect(() => encodeMultipart(fields, undefined)).toThrow(usage('A multipart body must be an object of fields.'));
  });

  test('a part content type with CR or LF is refused', () => {
    expect(() => encodeMultipart({}, { f: { data: 'x', contentType: 'text/plain\r\nX-Evil: 1' } })).toThrow(
      usage('The content type of part "f" contains CR, LF or NUL.'),
    );
  });
});
