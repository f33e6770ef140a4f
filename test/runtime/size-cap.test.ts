/**
 * maxResponseBytes against a real node:http server: plain (content-length) and chunked bodies
 * over the cap are refused with `response_too_large`, not retried, and their connection is
 * closed; the cap counts decompressed bytes, so gzip bombs stop at the cap with RSS growing by
 * less than twice the cap (measured in a child process against dist/: `npm run build` first).
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { type APIException, closeAll, configure, getService, type Settings } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { doubleGzipBomb, gzipOfZeros } from '../helpers/compress.js';
import { failure } from '../helpers/failure.js';
import { measureCall } from '../helpers/memory.js';
import { startServer, type TestServer } from '../helpers/server.js';

const MiB = 1024 * 1024;
let server: TestServer;
/** Bytes the chunked route managed to write before the client went away. */
let chunkedWritten = 0;

/** Write `total` bytes in 64 KiB chunks with backpressure, stopping when the socket closes. */
async function writeChunked(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  res.writeHead(200, { 'content-type': 'text/plain' }); // no content-length: chunked
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    chunkedWritten += chunk.length;
    if (!res.write(chunk))
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
  }
  res.end();
}

let bomb2: Buffer;
let bomb1: Buffer;
beforeAll(async () => {
  bomb2 = doubleGzipBomb(1024);
  bomb1 = gzipOfZeros(1024);
  server = await startServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const n = Number(url.searchParams.get('n'));
    if (url.pathname === '/small') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(gzipSync('{"ok":true}'));
    }
    if (url.pathname === '/plain') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': n });
      return res.end(Buffer.alloc(n, 'a'));
    }
    if (url.pathname === '/chunked') return writeChunked(res, n);
    if (url.pathname === '/bomb2') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip, gzip', 'content-length': bomb2.length });
      return res.end(bomb2);
    }
    if (url.pathname === '/bomb1') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': bomb1.length });
      return res.end(bomb1);
    }
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());
afterEach(() => closeAll());

function setup(settings: Settings = {}) {
  configure({ serviceConnections: ['big'], ...settings, services: { big: { url: server.url, ...settings.services?.big } } });
  return getService('big');
}

describe('plain and chunked bodies', () => {
  test('a content-length over the cap is refused at the headers: response_too_large, one attempt, socket closed', async () => {
    const service = setup({ maxResponseBytes: MiB });
    const before = server.received.length;
    const closed = server.socketClosed();
    const e = await failure(service.httpDispatch('GET', `/plain?n=${MiB + 1}`, { retryCount: 3 }));
    expect(e).toMatchObject({ statusCode: 502, errorCode: { name: 'response_too_large', value: 999625 }, attempts: 1, retryable: false });
    expect(e.description).toBe(`The response body reached ${MiB + 1} bytes, over maxResponseBytes (${MiB}); the connection was closed.`);
    expect(e.headers).toMatchObject({ 'content-length': String(MiB + 1) });
    expect(server.received.length - before).toBe(1);
    await closed;
  });

  test('HEAD: a content-length over the cap describes no body, so it is not refused', async () => {
    const service = setup({ maxResponseBytes: MiB });
    await expect(service.httpDispatch('HEAD', `/plain?n=${8 * MiB}`, { includeStatusCode: true })).resolves.toEqual([null, 200]);
  });

  test('a body exactly at the cap is returned whole', async () => {
    const service = setup({ maxResponseBytes: MiB });
    await expect(service.httpDispatch('GET', `/plain?n=${MiB}`)).resolves.toHaveLength(MiB);
  });

  test('a chunked 1 GiB body is cut at the cap: the server stops writing soon after', async () => {
    const service = setup({ maxResponseBytes: MiB });
    chunkedWritten = 0;
    const e = await failure(service.httpDispatch('GET', `/chunked?n=${1024 * MiB}`, { retryCount: 3 }));
    expect(e).toMatchObject({ errorCode: { name: 'response_too_large' }, attempts: 1 });
    expect(e.description).toMatch(/^The response body reached \d+ bytes, over maxResponseBytes \(1048576\)/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chunkedWritten).toBeLessThan(32 * MiB); // socket buffers only, not the gibibyte
  });

  test('the refused connection is closed, and the next call succeeds at its first attempt', async () => {
    const service = setup({ maxResponseBytes: MiB });
    await service.httpDispatch('GET', '/small');
    const closed = server.socketClosed();
    await failure(service.httpDispatch('GET', `/chunked?n=${8 * MiB}`, { retryCount: 0 }));
    await closed;
    const before = server.received.length;
    await expect(service.httpDispatch('GET', '/small', { retryCount: 0 })).resolves.toEqual({ ok: true });
    expect(server.received.length - before).toBe(1);
  });

  test('precedence: call over service over global; default 4 MiB', async () => {
    const codes = async (settings: Settings, n: number, call?: number) =>
      setup(settings)
        .httpDispatch('GET', `/plain?n=${n}`, call ? { maxResponseBytes: call } : {})
        .then(
          () => 'ok',
          (e: APIException) => e.errorCode.name,
        );
    expect(await codes({}, 4 * MiB)).toBe('ok');
    expect(await codes({}, 4 * MiB + 1)).toBe('response_too_large');
    expect(await codes({ maxResponseBytes: 1000 }, 2500)).toBe('response_too_large');
    expect(await codes({ maxResponseBytes: 1000, services: { big: { maxResponseBytes: 3000 } } }, 2500)).toBe('ok');
    expect(await codes({ maxResponseBytes: 1000, services: { big: { maxResponseBytes: 3000 } } }, 2500, 2000)).toBe('response_too_large');
    expect(await codes({ maxResponseBytes: 1000 }, 2500, 2500)).toBe('ok');
  });

  test('a bad maxResponseBytes is refused: in settings at configure(), per call before sending', async () => {
    expect(() => configure({ serviceConnections: ['big'], services: { big: { maxResponseBytes: -1 } } })).toThrow(
      'svc-gen: setting services.big.maxResponseBytes (-1) must be a positive integer.',
    );
    const before = server.received.length;
    const e = await failure(setup().httpDispatch('GET', '/small', { maxResponseBytes: 1.5 }));
    expect(e).toMatchObject({ errorCode: { name: 'invalid_usage' }, description: 'maxResponseBytes (1.5) must be a positive integer.' });
    expect(server.received.length).toBe(before);
  });
});

// What the runtime holds is bounded by the cap (Buffers peak just over it); RSS adds allocator and
// GC noise of roughly 5-30 MiB on this machine, which a 4 MiB cap cannot absorb in a 2x bound, so
// the RSS bound is asserted at a 64 MiB cap (measured: 63-72 MiB growth for a 1 GiB bomb).
describe('compression bombs of 1 GiB (child process, dist/)', () => {
  const BOMBS = [
    ['gzip, gzip: 2.5 KiB on the wire', '/bomb2'],
    ['gzip: 1 MiB on the wire', '/bomb1'],
  ];
  test.each(BOMBS)('%s, default 4 MiB cap: refused, Buffers held peak under cap + 1 MiB', async (_name, path) => {
    const run = await measureCall(server.url, path, 'buffer', 4 * MiB);
    expect(run).toMatchObject({ code: 'response_too_large', attempts: 1 });
    expect(run.description).toMatch(/^The response body \(decompressed\) reached \d+ bytes, over maxResponseBytes \(4194304\)/);
    expect(run.peakArrayBuffers).toBeLessThan(5 * MiB);
  });

  test.each(BOMBS)('%s, 64 MiB cap: refused at the cap, RSS growth < 2x the cap', async (_name, path) => {
    const cap = 64 * MiB;
    const run = await measureCall(server.url, path, 'buffer', cap);
    expect(run).toMatchObject({ code: 'response_too_large', attempts: 1 });
    expect(run.growth).toBeLessThan(2 * cap);
    console.log(`${path} at 64 MiB cap: RSS growth ${(run.growth / MiB).toFixed(1)} MiB, Buffers peak ${(run.peakArrayBuffers / MiB).toFixed(1)} MiB`);
  });
});
