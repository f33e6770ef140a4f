/**
 * Stale keep-alive sockets, against a raw-socket server that closes an idle keep-alive socket at
 * the worst moment: just as the next request arrives on it, before any byte of the answer.
 * An idempotent request is replayed once on a fresh connection, even with retryCount 0, and the
 * replay is not a retry (the budget stays full, the breaker counts nothing); others fail.
 */
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Readable } from 'node:stream';
import { type APIException, closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { openSockets } from '../helpers/sockets.js';

const OK = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nkeep-alive: timeout=60\r\n\r\n{"ok":true}';

interface RawServer {
  url: string;
  connections: number;
  /** Request heads received, over all connections. */
  requests: number;
  close: () => Promise<void>;
}

/**
 * Answers the first request of each connection with a keep-alive 200; when a second request
 * arrives on that connection, closes it unanswered (`fin`: a FIN, `rst`: a reset). With `first`,
 * the first request of a fresh connection is closed unanswered too (nothing was stale).
 */
async function rawServer(close: 'fin' | 'rst', first = false): Promise<RawServer> {
  const sockets = openSockets();
  const state = { connections: 0, requests: 0 };
  const server: Server = createServer((socket) => {
    state.connections++;
    sockets.track(socket);
    socket.on('error', () => {});
    let served = 0;
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
      if (pending.length < end + 4 + length) return; // wait for the whole body
      pending = pending.slice(end + 4 + length);
      state.requests++;
      if (served === 0 && !first) {
        served++;
        socket.write(OK);
        return;
      }
      if (close === 'rst') socket.resetAndDestroy();
      else socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  } as RawServer;
}

let raw: RawServer | undefined;
afterEach(async () => {
  await closeAll();
  await raw?.close();
  raw = undefined;
});

async function setup(close: 'fin' | 'rst', first = false) {
  raw = await rawServer(close, first);
  // Any failure the breaker counted would open it at once; any retry would spend a token.
  configure({
    serviceConnections: ['inv'],
    retryBackoffBaseMs: 1,
    circuitBreaker: { minimumCalls: 1, failureRatio: 0.01 },
    services: { inv: { url: raw.url } },
  });
  return getService('inv');
}

/**
 * Let the socket go idle: undici checks a just-freed keep-alive socket for a pending FIN/RST on the
 * next turn of the loop (GHSA-35p6-xmwp-9g52) and meanwhile sends on another connection.
 */
const idle = () => new Promise((resolve) => setTimeout(resolve, 5));

const rejection = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as APIException,
  );

describe.each(['fin', 'rst'] as const)('the server closes the reused socket with a %s', (close) => {
  test('GET with retryCount 0: replayed on a fresh connection, not a retry, nothing counted', async () => {
    const service = await setup(close);
    await expect(service.httpDispatch('GET', '/a', { retryCount: 0 })).resolves.toEqual({ ok: true });
    await idle();
    await expect(service.httpDispatch('GET', '/b', { retryCount: 0 })).resolves.toEqual({ ok: true });
    expect({ connections: raw!.connections, requests: raw!.requests }).toEqual({ connections: 2, requests: 3 });
    expect(service.retryBudget.tokens).toBe(10);
    expect(service.circuit.state).toBe('closed');
  });

  test.each(['HEAD', 'PUT', 'DELETE', 'OPTIONS'])('%s is replayed too', async (method) => {
    const service = await setup(close);
    await service.httpDispatch(method, '/a', { retryCount: 0 });
    await idle();
    const [, status] = (await service.httpDispatch(method, '/b', { retryCount: 0, includeStatusCode: true })) as [unknown, number];
    expect(status).toBe(200);
    expect(raw!.connections).toBe(2);
  });

  test('POST with an Idempotency-Key is replayed', async () => {
    const service = await setup(close);
    await service.httpDispatch('POST', '/a', { payload: { n: 1 }, headers: { 'idempotency-key': 'k1' } });
    await idle();
    await expect(service.httpDispatch('POST', '/b', { payload: { n: 2 }, headers: { 'idempotency-key': 'k2' } })).resolves.toEqual({ ok: true });
    expect(raw!.connections).toBe(2);
  });

  test('POST without one is not: it fails, and the breaker counts nothing', async () => {
    const service = await setup(close);
    await service.httpDispatch('POST', '/a', { payload: { n: 1 } });
    await idle();
    const e = await rejection(service.httpDispatch('POST', '/b', { payload: { n: 2 } }));
    expect(e).toMatchObject({ statusCode: 503, attempts: 1 });
    expect({ connections: raw!.connections, requests: raw!.requests }).toEqual({ connections: 1, requests: 2 });
    expect(service.circuit.state).toBe('closed');
  });

  test('PUT with a streamed upload is not replayed: the failed attempt consumed the stream', async () => {
    const service = await setup(close);
    await service.httpDispatch('PUT', '/a', { payload: new Uint8Array([1, 2, 3]), retryCount: 0 });
    await idle();
    const e = await rejection(service.httpDispatch('PUT', '/b', { payload: Readable.from([Buffer.from('abc')]), retryCount: 0 }));
    expect(e).toMatchObject({ statusCode: 503, attempts: 1 });
    expect(raw!.connections).toBe(1);
  });

  test('a fresh connection closed unanswered is not stale: no replay with retryCount 0, and it counts', async () => {
    const service = await setup(close, true);
    const e = await rejection(service.httpDispatch('GET', '/a', { retryCount: 0 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: close === 'rst' ? 'service_unavailable' : 'transport_error' }, attempts: 1 });
    expect({ connections: raw!.connections, requests: raw!.requests }).toEqual({ connections: 1, requests: 1 });
    expect(service.circuit.state).toBe('open');
  });

  test('200 sequential GETs with retryCount 0: no failure, the budget full', async () => {
    const service = await setup(close);
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      await service.httpDispatch('GET', `/${i}`, { retryCount: 0 }).catch(() => failures++);
      await idle();
    }
    expect(failures).toBe(0);
    // Every call after the first meets a stale socket and is replayed on a fresh one.
    expect({ connections: raw!.connections, requests: raw!.requests }).toEqual({ connections: 200, requests: 399 });
    expect(service.retryBudget.tokens).toBe(10);
    expect(service.circuit.state).toBe('closed');
  });
});
