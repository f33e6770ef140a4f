/**
 * Failure classes: the breaker and the retry budget count only upstream failures (5xx, 429,
 * connect/reset/timeout). What cannot be sent is `invalid_usage`, refused before any byte, never
 * retried and never counted: hop-by-hop headers, values outside Latin-1, headers undici refuses.
 */

import { type APIException, closeAll, configure, getService, type Settings } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { type Handler, json, startServer, type TestServer } from '../helpers/server.js';
import { startTcpServer, type TcpServer } from '../helpers/tcp.js';

const INVALID_USAGE = { statusCode: 500, errorCode: { name: 'invalid_usage', value: 999401 }, attempts: 0 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await closeAll();
  for (const close of closers.splice(0)) await close();
});

async function tcpService(settings: Settings = {}) {
  const tcp: TcpServer = await startTcpServer();
  closers.push(tcp.close);
  configure({ serviceConnections: ['raw'], retryBackoffBaseMs: 1, ...settings, services: { raw: { url: tcp.url } } });
  return { tcp, service: getService('raw') };
}

async function httpService(handler: Handler, settings: Settings = {}) {
  const server: TestServer = await startServer(handler);
  closers.push(server.close);
  configure({ serviceConnections: ['svc'], retryBackoffBaseMs: 1, retryBackoffMaxMs: 2, ...settings, services: { svc: { url: server.url } } });
  return { server, service: getService('svc') };
}

const rejection = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as APIException,
  );
/** Long enough for a connection on loopback to have been accepted, had one been opened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('refused before sending: invalid_usage, no byte sent', () => {
  test('control: a Latin-1 value (é) is sent as its one octet', async () => {
    const { server, service } = await httpService((req, res) =>
      json(res, 200, { raw: Buffer.from(req.headers['x-name'] as string, 'latin1').toString('hex') }),
    );
    await expect(service.httpDispatch('GET', '/x', { headers: { 'x-name': 'José' } })).resolves.toEqual({ raw: '4a6f73e9' });
    expect(server.received).toHaveLength(1);
  });

  test.each([
    ['connection', 'close'],
    ['keep-alive', 'timeout=5'],
    ['transfer-encoding', 'chunked'],
    ['upgrade', 'websocket'],
    ['expect', '100-continue'],
    ['proxy-connection', 'keep-alive'],
  ])('hop-by-hop header %s', async (name, value) => {
    const { tcp, service } = await tcpService();
    const e = await rejection(service.httpDispatch('GET', '/x', { headers: { [name]: value } }));
    expect(e).toMatchObject(INVALID_USAGE);
    expect(e.description).toBe(`Header ${name} is hop-by-hop (RFC 9110 §7.6.1); the transport manages connections and does not send it.`);
    await settle();
    expect({ connections: tcp.connections, bytes: tcp.bytes }).toEqual({ connections: 0, bytes: 0 });
  });

  test.each([
    ['€ (U+20AC)', 'price 5€', 'U+20AC'],
    ['an emoji', 'ok 👍', 'U+1F44D'],
    ['a control character (U+0001)', 'a\u0001b', 'U+0001'],
  ])('a header value with %s', async (_name, value, point) => {
    const { tcp, service } = await tcpService();
    const e = await rejection(service.httpDispatch('GET', '/x', { headers: { 'x-note': value } }));
    expect(e).toMatchObject(INVALID_USAGE);
    expect(e.description).toContain(`Header x-note contains ${point}`);
    expect(e.description).not.toContain(value); // values are never quoted: they may be secrets
    await settle();
    expect(tcp.bytes).toBe(0);
  });

  test("a header undici refuses (content-length that disagrees with the body): invalid_usage with undici's error as cause", async () => {
    const { tcp, service } = await tcpService();
    const e = await rejection(service.httpDispatch('POST', '/x', { payload: { a: 1 }, headers: { 'content-length': '99' } }));
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_usage', value: 999401 }, attempts: 1 });
    expect((e.cause as { code?: string }).code).toBe('UND_ERR_REQ_CONTENT_LENGTH_MISMATCH');
    await settle();
    expect(tcp.bytes).toBe(0);
  });
});

describe('usage errors are not counted', () => {
  test('50 calls with expect: 100-continue leave the breaker closed and the budget full', async () => {
    const { tcp, service } = await tcpService({ circuitBreaker: { minimumCalls: 5 } });
    for (let i = 0; i < 50; i++) {
      const e = await rejection(service.httpDispatch('GET', '/x', { headers: { expect: '100-continue' }, retryCount: 4 }));
      expect(e).toMatchObject(INVALID_USAGE);
    }
    expect(service.circuit.state).toBe('closed');
    expect(service.retryBudget.tokens).toBe(10);
    await expect(service.httpDispatch('GET', '/x')).resolves.toEqual({}); // others still get through
    expect(tcp.connections).toBe(1);
  });

  test('50 calls undici refuses (content-length mismatch) leave the breaker closed and the budget full', async () => {
    const { service } = await tcpService({ circuitBreaker: { minimumCalls: 5 } });
    for (let i = 0; i < 50; i++) {
      const e = await rejection(service.httpDispatch('PUT', '/x', { payload: { a: 1 }, headers: { 'content-length': '99' }, retryCount: 4 }));
      expect(e).toMatchObject({ errorCode: { name: 'invalid_usage' }, attempts: 1 }); // one attempt: never retried
    }
    expect(service.circuit.state).toBe('closed');
    expect(service.retryBudget.tokens).toBe(10);
  });
});

describe('what the breaker counts (minimumCalls 5, failureRatio 1)', () => {
  const breaker = { circuitBreaker: { minimumCalls: 5, failureRatio: 1 } };
  test.each([
    ['500', 'open', 500],
    ['503', 'open', 503],
    ['429', 'open', 429],
    ["404 (the caller's problem)", 'closed', 404],
    ['400', 'closed', 400],
  ])('5 calls answered %s → %s', async (_name, state, status) => {
    const { service } = await httpService((_req, res) => json(res, status, {}), breaker);
    for (let i = 0; i < 5; i++) await service.httpDispatch('GET', '/x', { retryCount: 0 }).catch(() => undefined);
    expect(service.circuit.state).toBe(state);
  });

  test('5 calls refused (connection refused) → open', async () => {
    const { server, service } = await httpService(() => undefined, breaker);
    await server.close();
    for (let i = 0; i < 5; i++) await service.httpDispatch('GET', '/x', { retryCount: 0 }).catch(() => undefined);
    expect(service.circuit.state).toBe('open');
  });

  test('5 calls reset → open', async () => {
    const { service } = await httpService((req) => {
      req.socket.resetAndDestroy();
    }, breaker);
    for (let i = 0; i < 5; i++) await service.httpDispatch('GET', '/x', { retryCount: 0 }).catch(() => undefined);
    expect(service.circuit.state).toBe('open');
  });

  test('5 calls timed out → open; 5 calls the caller aborted → closed', async () => {
    const hang: Handler = () => new Promise(() => undefined);
    const timedOut = await httpService(hang, breaker);
    for (let i = 0; i < 5; i++) await timedOut.service.httpDispatch('GET', '/x', { retryCount: 0, responseTimeout: 30 }).catch(() => undefined);
    expect(timedOut.service.circuit.state).toBe('open');
    const aborted = await httpService(hang, breaker);
    for (let i = 0; i < 5; i++) await aborted.service.httpDispatch('GET', '/x', { retryCount: 0, signal: AbortSignal.timeout(30) }).catch(() => undefined);
    expect(aborted.service.circuit.state).toBe('closed');
  });
});
