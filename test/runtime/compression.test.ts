/**
 * Content codings against a real node:http server: gzip, deflate (zlib and raw) and br are
 * decoded whether we asked for them or not (RFC 9110 §12.5.3), `accept-encoding` is sent by
 * default and configurable, and a coding we cannot decode is refused rather than returned.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { getService, type Settings } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { type Coding, encode } from '../helpers/compress.js';
import { failure } from '../helpers/failure.js';
import { servedService } from '../helpers/served.js';

const served = servedService('inv');

// Big enough to span many chunks on the wire and out of the decoder.
const PAYLOAD = { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, note: randomBytes(8).toString('hex') })) };
const JSON_BYTES = Buffer.from(JSON.stringify(PAYLOAD));

/** A server that answers every request with `body` encoded as `coding` (in the header as `name`). */
async function setup(coding: Coding | undefined, settings: Settings = {}, body: Buffer = JSON_BYTES, contentType = 'application/json') {
  return served.start((_req, res) => {
    const headers: Record<string, string> = { 'content-type': contentType };
    let wire = body;
    if (coding) {
      wire = encode(coding, body);
      headers['content-encoding'] = coding === 'deflate-raw' ? 'deflate' : coding;
    }
    res.writeHead(200, headers);
    res.end(wire);
  }, settings);
}

const CODINGS: Coding[] = ['gzip', 'deflate', 'deflate-raw', 'br'];

describe('asked: accept-encoding: gzip, deflate, br is sent by default', () => {
  test.each(CODINGS)('%s is decoded to the exact JSON', async (coding) => {
    const service = await setup(coding);
    await expect(service.httpDispatch('GET', '/items')).resolves.toEqual(PAYLOAD);
    expect(served.server.received[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('unasked: acceptEncoding: false sends none, and whatever comes is still decoded', () => {
  test.each(CODINGS)('%s sent unasked is decoded', async (coding) => {
    const service = await setup(coding, { acceptEncoding: false });
    await expect(service.httpDispatch('GET', '/items')).resolves.toEqual(PAYLOAD);
    expect(served.server.received[0]!.headers['accept-encoding']).toBeUndefined();
  });
});

describe('configuration and caller headers', () => {
  test('a per-service acceptEncoding is sent as given', async () => {
    const service = await setup('br', { acceptEncoding: 'gzip', services: { inv: { acceptEncoding: 'br' } } });
    await expect(service.httpDispatch('GET', '/items')).resolves.toEqual(PAYLOAD);
    expect(served.server.received[0]!.headers['accept-encoding']).toBe('br');
  });

  test("the caller's own accept-encoding header wins", async () => {
    const service = await setup(undefined);
    await service.httpDispatch('GET', '/items', { headers: { 'Accept-Encoding': 'identity' } });
    expect(served.server.received[0]!.headers['accept-encoding']).toBe('identity');
  });

  test('stacked codings (gzip, then br) are undone in reverse order', async () => {
    await served.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip, br' });
      res.end(encode('br', gzipSync(JSON_BYTES)));
    });
    await expect(getService('inv').httpDispatch('GET', '/items')).resolves.toEqual(PAYLOAD);
  });

  test('text and binary bodies are decoded too', async () => {
    const bytes = randomBytes(100_000);
    const service = await setup('gzip', {}, bytes, 'application/octet-stream');
    const op = { operationId: 'blob', method: 'GET', path: '/blob', responseType: 'binary' } as const;
    expect(Buffer.from((await service.call(op, {})) as Uint8Array).equals(bytes)).toBe(true);
  });
});

describe('refused', () => {
  test('an unknown coding: client_payload_error naming it, not retried', async () => {
    await served.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
      res.end('not really zstd');
    });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 2 }));
    expect(e).toMatchObject({ statusCode: 502, errorCode: { name: 'client_payload_error' }, attempts: 1 });
    expect(e.description).toContain('"zstd"');
  });

  test('a body that is not the gzip it claims: client_payload_error', async () => {
    await served.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end('{"plain":"json"}');
    });
    const e = await failure(getService('inv').httpDispatch('GET', '/x'));
    expect(e).toMatchObject({ statusCode: 502, errorCode: { name: 'client_payload_error' } });
    expect(e.description).toMatch(/does not decode as its content-encoding says: incorrect header check/);
  });
});
