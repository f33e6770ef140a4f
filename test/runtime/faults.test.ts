/**
 * Transport faults injected by a TCP proxy between the runtime and a real node:http server,
 * and a server that drops idle keep-alive sockets. Each asserts the exact outcome.
 */

import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { failure } from '../helpers/failure.js';
import { type FaultProxy, type Faults, startProxy } from '../helpers/proxy.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const BIG = { items: Array.from({ length: 400 }, (_, i) => ({ id: i, name: `item-${i}` })) };
let server: TestServer | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await closeAll();
  await proxy?.close();
  await server?.close();
  proxy = undefined;
  server = undefined;
});

async function setup(faults: Faults, settings: { retryBackoffBaseMs?: number } = {}) {
  server = await startServer((_req, res) => json(res, 200, BIG));
  proxy = await startProxy(server.port, faults);
  configure({ serviceConnections: ['inv'], retryBackoffBaseMs: settings.retryBackoffBaseMs ?? 1, services: { inv: { url: proxy.url } } });
  return getService('inv');
}

describe('through a faulty proxy', () => {
  test('added latency: the call succeeds with the whole body', async () => {
    const service = await setup({ latencyMs: 30 });
    await expect(service.httpDispatch('GET', '/items')).resolves.toEqual(BIG);
  });

  test('1-byte slices: the body is reassembled exactly', async () => {
    const service = await setup({ slices: true });
    await expect(service.httpDispatch('GET', '/items', { responseTimeout: 20_000 })).resolves.toEqual(BIG);
  });

  test('slow close after a complete response: the call succeeds at once', async () => {
    const service = await setup({ slowCloseMs: 500 });
    const start = performance.now();
    await expect(service.httpDispatch('GET', '/items')).resolves.toEqual(BIG);
    expect(performance.now() - start).toBeLessThan(400);
  });

  test('reset at accept: GET is retried, then service_unavailable', async () => {
    const service = await setup({ resetAtAccept: true });
    const e = await failure(service.httpDispatch('GET', '/items'));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'service_unavailable' }, attempts: 3 });
    expect(proxy!.connections).toBe(3);
    expect(server!.received).toHaveLength(0);
  });

  test('reset mid-body: GET is retried (3 attempts reach the server)', async () => {
    const service = await setup({ resetAfterResponseBytes: 2000 });
    const e = await failure(service.httpDispatch('GET', '/items'));
    expect(e).toMatchObject({ statusCode: 503, attempts: 3 });
    expect(server!.received).toHaveLength(3);
  });

  test('reset mid-body: POST is not retried (1 attempt reaches the server)', async () => {
    const service = await setup({ resetAfterResponseBytes: 2000 });
    const e = await failure(service.httpDispatch('POST', '/items', { payload: { n: 1 } }));
    expect(e).toMatchObject({ statusCode: 503, attempts: 1, method: 'POST' });
    expect(server!.received).toHaveLength(1);
  });

  test('a connection held open with no data: timeout, not a hang', async () => {
    const service = await setup({ hold: true });
    const start = performance.now();
    const e = await failure(service.httpDispatch('GET', '/items', { responseTimeout: 300 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'service_timeout' }, attempts: 1 });
    expect(performance.now() - start).toBeLessThan(450);
  });

  test('proxy down, then up: GET succeeds on a later attempt', async () => {
    const service = await setup({}, { retryBackoffBaseMs: 100 });
    await proxy!.down();
    const random = Math.random;
    Math.random = () => 1; // backoffs of exactly 100, 200, 400 ms
    try {
      setTimeout(() => void proxy!.up(), 50);
      const start = performance.now();
      await expect(service.httpDispatch('GET', '/items', { retryCount: 3 })).resolves.toEqual(BIG);
      expect(performance.now() - start).toBeGreaterThanOrEqual(95);
      expect(server!.received).toHaveLength(1);
    } finally {
      Math.random = random;
    }
  });
});

describe('a server that closes idle keep-alive sockets immediately', () => {
  test('1,000 GETs, no failure', async () => {
    server = await startServer((req, res) => {
      json(res, 200, { ok: true });
      res.on('finish', () => setImmediate(() => req.socket.destroy())); // drop the socket the moment it is idle
    });
    configure({ serviceConnections: ['inv'], retryBackoffBaseMs: 1, services: { inv: { url: server.url } } });
    const service = getService('inv');
    let failures = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next++ < 1000) await service.httpDispatch('GET', '/x').catch(() => failures++);
      }),
    );
    expect(failures).toBe(0);
    expect(server.received.length).toBeGreaterThanOrEqual(1000);
  });
});
