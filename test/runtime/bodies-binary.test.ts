/**
 * Binary request bodies (issue 10, section 3) against a real node:http server on 127.0.0.1:
 * Buffers, views, ArrayBuffers, Blobs and streams arrive byte-exact with their content type;
 * bytes and Blobs are replayed on retry, streams are sent once and never retried.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { APIException, type OperationSpec } from 'svc-gen/runtime';
import { afterAll, describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'svc-gen-bodies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const served = servedService('files');
const setup = (handler: Handler = (_req, res) => json(res, 200, { ok: true })) => served.start(handler);

/** Every byte value, twice, so an encoding that touches any byte is caught. */
const BYTES = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), ...Array.from({ length: 256 }, (_, i) => 255 - i)]);

describe('httpDispatch sends a bytes payload as bytes', () => {
  type Case = [string, () => unknown, Buffer, string];
  const cases: Case[] = [
    ['Buffer', () => BYTES, BYTES, 'application/octet-stream'],
    ['Uint8Array', () => new Uint8Array(BYTES), BYTES, 'application/octet-stream'],
    ['a view into a larger buffer (only its own bytes)', () => BYTES.subarray(10, 20), BYTES.subarray(10, 20), 'application/octet-stream'],
    ['DataView', () => new DataView(BYTES.buffer, BYTES.byteOffset + 3, 5), BYTES.subarray(3, 8), 'application/octet-stream'],
    ['ArrayBuffer', () => BYTES.buffer.slice(BYTES.byteOffset, BYTES.byteOffset + BYTES.length), BYTES, 'application/octet-stream'],
    ['Blob with a type', () => new Blob([BYTES], { type: 'image/png' }), BYTES, 'image/png'],
    ['Blob without a type', () => new Blob([BYTES]), BYTES, 'application/octet-stream'],
    ['web ReadableStream', () => new Blob([BYTES]).stream(), BYTES, 'application/octet-stream'],
    ['Node Readable', () => Readable.from([BYTES.subarray(0, 100), BYTES.subarray(100)]), BYTES, 'application/octet-stream'],
  ];
  test.each(cases)('%s', async (_name, payload, want, type) => {
    const service = await setup();
    await service.httpDispatch('POST', '/upload', { payload: payload() });
    const r = served.server.received[0]!;
    expect(r.body.equals(want)).toBe(true);
    expect(r.headers['content-type']).toBe(type);
  });

  test("an fs.ReadStream sends the file's bytes, not JSON with its path", async () => {
    const file = path.join(dir, 'photo.bin');
    writeFileSync(file, BYTES);
    const service = await setup();
    await service.httpDispatch('PUT', '/photo', { payload: createReadStream(file) });
    const r = served.server.received[0]!;
    expect(r.body.equals(BYTES)).toBe(true);
    expect(r.body.includes(Buffer.from(dir))).toBe(false);
    expect(r.headers['transfer-encoding']).toBe('chunked');
  });

  test('a content type given in options.headers or options.contentType is used', async () => {
    const service = await setup();
    await service.httpDispatch('POST', '/a', { payload: BYTES, headers: { 'Content-Type': 'application/pdf' } });
    await service.httpDispatch('POST', '/b', { payload: new Blob([BYTES], { type: 'image/png' }), contentType: 'image/webp' });
    expect(served.server.received.map((r) => r.headers['content-type'])).toEqual(['application/pdf', 'image/webp']);
    expect(served.server.received.every((r) => r.body.equals(BYTES))).toBe(true);
  });

  test('bytes and Blobs have a content-length; a plain object is still JSON', async () => {
    const service = await setup();
    await service.httpDispatch('POST', '/a', { payload: BYTES });
    await service.httpDispatch('POST', '/b', { payload: new Blob([BYTES]) });
    await service.httpDispatch('POST', '/c', { payload: { type: 'Buffer' } });
    expect(served.server.received.map((r) => r.headers['content-length'])).toEqual([String(BYTES.length), String(BYTES.length), '17']);
    expect(served.server.received[2]!.body.toString()).toBe('{"type":"Buffer"}');
    expect(served.server.received[2]!.headers['content-type']).toBe('application/json');
  });
});

test('a stream refused before any attempt (invalid header) is closed, not left open', async () => {
  const file = path.join(dir, 'refused.bin');
  writeFileSync(file, BYTES);
  const service = await setup();
  const stream = createReadStream(file);
  const error = await service.httpDispatch('PUT', '/x', { payload: stream, headers: { 'x-bad': 'a\r\nb' } }).catch((e: unknown) => e);
  expect((error as APIException).errorCode.name).toBe('invalid_usage');
  expect(stream.destroyed).toBe(true);
  expect(served.server.received).toHaveLength(0);
});

describe('retries: bytes and Blobs are replayed, streams are not', () => {
  const failTwice: Handler = (_req, res, _r, index) => (index < 2 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: true }));

  test.each<[string, () => unknown]>([
    ['Buffer', () => BYTES],
    ['Blob', () => new Blob([BYTES])],
  ])('%s: every attempt carries the same bytes', async (_name, payload) => {
    const service = await setup(failTwice);
    await expect(service.httpDispatch('PUT', '/x', { payload: payload(), retryCount: 2 })).resolves.toEqual({ ok: true });
    expect(served.server.received).toHaveLength(3);
    expect(served.server.received.every((r) => r.body.equals(BYTES))).toBe(true);
  });

  test.each<[string, () => unknown]>([
    ['Node Readable', () => Readable.from([BYTES])],
    ['web ReadableStream', () => new Blob([BYTES]).stream()],
  ])('%s: one attempt, the 503 surfaces', async (_name, payload) => {
    const service = await setup(failTwice);
    await expect(service.httpDispatch('PUT', '/x', { payload: payload(), retryCount: 2 })).rejects.toMatchObject({ statusCode: 503, attempts: 1 });
    expect(served.server.received).toHaveLength(1);
    expect(served.server.received[0]!.body.equals(BYTES)).toBe(true);
  });
});

describe('generated binary operations', () => {
  const upload: OperationSpec = {
    operationId: 'upload',
    method: 'PUT',
    path: '/avatar',
    bodyType: 'binary',
    contentType: 'image/png',
    media: { 'image/png': { type: 'binary' } },
  };
  const anyImage: OperationSpec = {
    operationId: 'anyImage',
    method: 'PUT',
    path: '/img',
    bodyType: 'binary',
    contentType: 'image/*',
    media: { 'image/*': { type: 'binary' } },
  };

  test("sent with the spec's media type", async () => {
    const service = await setup();
    await service.call(upload, { body: BYTES });
    expect(served.server.received[0]!.headers['content-type']).toBe('image/png');
    expect(served.server.received[0]!.body.equals(BYTES)).toBe(true);
  });

  test("a wildcard media type takes the Blob's type, else application/octet-stream", async () => {
    const service = await setup();
    await service.call(anyImage, { body: new Blob([BYTES], { type: 'image/gif' }) });
    await service.call(anyImage, { body: BYTES });
    expect(served.server.received.map((r) => r.headers['content-type'])).toEqual(['image/gif', 'application/octet-stream']);
  });

  test('a body that is not bytes is refused before any byte is sent', async () => {
    const service = await setup();
    const error = await service.call(upload, { body: { not: 'bytes' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect((error as APIException).errorCode.name).toBe('invalid_usage');
    expect(served.server.received).toHaveLength(0);
  });
});
