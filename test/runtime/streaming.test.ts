/**
 * `responseType: 'stream'` against a real node:http server: the body arrives as a Readable with
 * backpressure (the server's writes stall while the caller does not read), decompressed; the
 * call's timeout ends at the headers and `bodyIdleTimeout` covers the body; destroying the stream
 * or aborting the caller's signal closes the socket; non-2xx are handled as usual; a 1 GiB
 * download keeps RSS growth under 64 MiB (child process against dist/: `npm run build` first).
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { type APIException, closeAll, configure, getService } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { failure } from '../helpers/failure.js';
import { measureCall } from '../helpers/memory.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const MiB = 1024 * 1024;
let server: TestServer;
/** Bytes the /endless route wrote before the socket closed or its writes stalled. */
let written = 0;
let stalled = false;

async function writeSlowly(res: ServerResponse, total: number, pauseMs: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'z');
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    written += chunk.length;
    if (!res.write(chunk)) {
      stalled = true;
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  res.end();
}

beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/small') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync('{"ok":true}'));
    }
    if (url.pathname === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', etag: '"abc"' });
      return res.end(gzipSync(Buffer.alloc(3 * MiB, 'q')));
    }
    if (url.pathname === '/gib') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': 1024 * MiB });
      return writeSlowly(res, 1024 * MiB, 0);
    }
    if (url.pathname === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return writeSlowly(res, 1024 * MiB, 0);
    }
    if (url.pathname === '/stall') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('first bytes');
      return; // then nothing: the body goes idle
    }
    if (url.pathname === '/slow-headers') {
      await new Promise((resolve) => setTimeout(resolve, 400));
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('late');
    }
    if (url.pathname === '/missing') return json(res, 404, { message: 'Nope', description: 'not here', error_code: { name: 'nope', value: 1 } });
    res.writeHead(500).end();
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await closeAll();
  written = 0;
  stalled = false;
});

function setup(settings: { bodyIdleTimeout?: number } = {}) {
  configure({ serviceConnections: ['dl'], services: { dl: { url: server.url, ...settings } } });
  return getService('dl');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('streamed bodies', () => {
  test('a gzip body arrives decompressed as a Readable, with [stream, status]', async () => {
    const [body, status] = (await setup().httpDispatch('GET', '/gzip', { responseType: 'stream', includeStatusCode: true })) as [Readable, number];
    expect(status).toBe(200);
    const bytes = await readAll(body);
    expect(bytes.length).toBe(3 * MiB);
    expect(bytes.every((b) => b === 0x71)).toBe(true);
  });

  test('backpressure: while the caller does not read, the server stalls after a few MiB', async () => {
    const body = (await setup().httpDispatch('GET', '/endless', { responseType: 'stream' })) as Readable;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stalled).toBe(true);
    expect(written).toBeLessThan(16 * MiB);
    const closed = server.socketClosed();
    body.destroy();
    await closed; // destroying the stream frees the socket
  });

  test("the caller's signal aborts a stream mid-body: request_cancelled, socket closed", async () => {
    const controller = new AbortController();
    const body = (await setup().httpDispatch('GET', '/endless', { responseType: 'stream', signal: controller.signal })) as Readable;
    const closed = server.socketClosed();
    const errored = new Promise<APIException>((resolve) => body.once('error', (e) => resolve(e as APIException)));
    controller.abort();
    expect(await errored).toMatchObject({ statusCode: 499, errorCode: { name: 'request_cancelled' } });
    await closed;
  });

  test('bodyIdleTimeout: a body that goes quiet fails with service_timeout, socket closed', async () => {
    const body = (await setup({ bodyIdleTimeout: 200 }).httpDispatch('GET', '/stall', { responseType: 'stream', responseTimeout: 100 })) as Readable;
    const closed = server.socketClosed();
    const start = performance.now();
    const e = await readAll(body).then(
      () => undefined,
      (error: unknown) => error as APIException,
    );
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'service_timeout' }, description: 'No response body bytes for 200 ms (bodyIdleTimeout).' });
    expect(performance.now() - start).toBeGreaterThanOrEqual(150);
    await closed;
  });

  test('the call timeout covers the time until headers', async () => {
    const e = await failure(setup().httpDispatch('GET', '/slow-headers', { responseType: 'stream', responseTimeout: 100 }));
    expect(e).toMatchObject({ errorCode: { name: 'service_timeout' } });
  });

  test('a 404 is not streamed: it is decoded and returned (or thrown) as usual, with its headers', async () => {
    const service = setup();
    await expect(service.httpDispatch('GET', '/missing', { responseType: 'stream' })).resolves.toEqual({
      message: 'Nope',
      description: 'not here',
      error_code: { name: 'nope', value: 1 },
    });
    const e = await failure(service.httpDispatch('GET', '/missing', { responseType: 'stream', propagateError: true }));
    expect(e).toMatchObject({ statusCode: 404, errorCode: { name: 'nope' } });
  });

  test('a per-call maxResponseBytes caps a stream: response_too_large on the stream', async () => {
    const body = (await setup().httpDispatch('GET', '/gzip', { responseType: 'stream', maxResponseBytes: MiB })) as Readable;
    const e = await readAll(body).then(
      () => undefined,
      (error: unknown) => error as APIException,
    );
    expect(e).toMatchObject({ statusCode: 502, errorCode: { name: 'response_too_large' } });
  });

  test('a streamed 1 GiB download (over the 4 MiB buffered cap) keeps RSS growth under 64 MiB', async () => {
    const run = await measureCall(server.url, '/gib', 'stream', 4 * MiB);
    expect(run.bytes).toBe(1024 * MiB);
    expect(run.growth).toBeLessThan(64 * MiB);
    console.log(`1 GiB streamed: RSS growth ${(run.growth / MiB).toFixed(1)} MiB, Buffers peak ${(run.peakArrayBuffers / MiB).toFixed(1)} MiB`);
  }, 120_000);
});
