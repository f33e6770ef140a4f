/**
 * Header injection, against real servers on 127.0.0.1: what every call carries (date, request
 * id, user, calling service, identity token, trace parent), what callers may add, what they can
 * never override, and header text that must be refused before a byte is sent.
 */
import { jwtVerify } from 'jose';
import { APIException, closeAll, configure, getService, type RequestContext, runWithContext, type Settings } from 'svc-gen/runtime';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { json, type Received, startServer, type TestServer } from '../helpers/server.js';
import { startTcpServer, type TcpServer } from '../helpers/tcp.js';

const KEY = 'svc-gen-test-secret-0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IMF_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const INVALID_USAGE = { statusCode: 500, errorCode: { name: 'invalid_usage', value: 999401 } };

let server: TestServer;
beforeEach(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterEach(async () => {
  await closeAll();
  await server.close();
});

/** Configure `caller` → `user` (and `order`) on the test server, with a service token. */
function setup(extra: Settings = {}): void {
  configure({
    serviceName: 'caller',
    serviceConnections: ['user', 'order'],
    services: { user: { url: server.url }, order: { url: server.url } },
    serviceTokenKey: KEY,
    ...extra,
  });
}

/**
 * The received headers minus the transport's own (`host`, `connection`) and the time left of
 * deadline propagation (another concern, with its own tests), each checked separately here.
 */
function injected(received: Received | undefined): Record<string, unknown> {
  expect(received).toBeDefined();
  const { host, connection, 'accept-encoding': acceptEncoding, 'x-svc-deadline-ms': timeLeft, ...rest } = (received as Received).headers;
  expect(host).toBe(`127.0.0.1:${server.port}`);
  expect(connection).toBe('keep-alive');
  expect(acceptEncoding).toBe('gzip, deflate, br'); // the transport's default (test/runtime/compression.test.ts)
  if (timeLeft !== undefined) {
    expect(timeLeft).toMatch(/^\d+$/);
    expect(Number(timeLeft)).toBeLessThanOrEqual(5000); // the default serviceTimeoutTotal
  }
  return rest;
}

function bearer(received: Received | undefined, prefix = 'MSA'): string {
  const value = received?.headers.authorization ?? '';
  expect(value.startsWith(`${prefix} `)).toBe(true);
  return value.slice(prefix.length + 1);
}

async function rejection(promise: Promise<unknown>): Promise<APIException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIException);
  return error as APIException;
}

describe('injected on every call', () => {
  test('without a context: date, a fresh UUID, the anonymous user, the service name and a token', async () => {
    setup();
    const before = Date.now();
    expect(await getService('user').httpDispatch('GET', '/a')).toEqual({ ok: true });
    expect(server.received).toHaveLength(1);
    const headers = injected(server.received[0]);
    expect(headers).toEqual({
      date: expect.stringMatching(IMF_DATE),
      'x-insanic-request-id': expect.stringMatching(UUID),
      'x-insanic-request-user': 'id=;level=-1;is_authenticated=0',
      'x-insanic-request-service': 'caller',
      authorization: expect.stringMatching(/^MSA [\w-]+\.[\w-]+\.[\w-]+$/),
    });
    // The date is "now", to the second.
    const date = Date.parse(headers.date as string);
    expect(date).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(date).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('two calls without a context carry two different request ids', async () => {
    setup();
    await getService('user').httpDispatch('GET', '/a');
    await getService('user').httpDispatch('GET', '/b');
    const [first, second] = server.received.map((r) => r.headers['x-insanic-request-id']);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
  });

  test('with a context: its request id, user and trace parent', async () => {
    setup();
    const context: RequestContext = {
      requestId: 'req-42',
      user: { id: 'u-17', level: 3, isAuthenticated: true },
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    };
    await runWithContext(context, () => getService('user').httpDispatch('GET', '/a'));
    expect(injected(server.received[0])).toEqual({
      date: expect.stringMatching(IMF_DATE),
      'x-insanic-request-id': 'req-42',
      'x-insanic-request-user': 'id=u-17;level=3;is_authenticated=1',
      'x-insanic-request-service': 'caller',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      authorization: expect.stringMatching(/^MSA /),
    });
  });

  test.each([
    ['authenticated', { id: '5', level: 10, isAuthenticated: true }, 'id=5;level=10;is_authenticated=1'],
    ['not authenticated', { id: 'abc', level: 0, isAuthenticated: false }, 'id=abc;level=0;is_authenticated=0'],
    ['anonymous shape', { id: '', level: -1, isAuthenticated: false }, 'id=;level=-1;is_authenticated=0'],
    ['high level', { id: 'ops@example.com', level: 100, isAuthenticated: true }, 'id=ops@example.com;level=100;is_authenticated=1'],
  ])('user header: %s', async (_name, user, header) => {
    setup();
    await runWithContext({ requestId: 'r', user }, () => getService('user').httpDispatch('GET', '/a'));
    expect(server.received[0]?.headers['x-insanic-request-user']).toBe(header);
  });

  test('a context with a user but no request id still gets a fresh UUID', async () => {
    setup();
    await runWithContext({ user: { id: '9', level: 1, isAuthenticated: true } }, () => getService('user').httpDispatch('GET', '/a'));
    expect(server.received[0]?.headers['x-insanic-request-id']).toMatch(UUID);
    expect(server.received[0]?.headers['x-insanic-request-user']).toBe('id=9;level=1;is_authenticated=1');
    expect(server.received[0]?.headers.traceparent).toBeUndefined();
  });
});

describe('identity token', () => {
  test('is an HS256 JWT signed with serviceTokenKey, claims source, aud, iat, exp', async () => {
    setup();
    const before = Math.floor(Date.now() / 1000);
    await getService('user').httpDispatch('GET', '/a');
    const token = bearer(server.received[0]);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(KEY), { algorithms: ['HS256'], audience: 'user' });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'source']);
    expect(payload.source).toBe('caller');
    expect(payload.aud).toBe('user');
    expect(payload.iat).toBeGreaterThanOrEqual(before - 1);
    expect(payload.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
    expect(payload.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));
  });

  test('does not verify with another key', async () => {
    setup();
    await getService('user').httpDispatch('GET', '/a');
    const token = bearer(server.received[0]);
    await expect(jwtVerify(token, new TextEncoder().encode(`${KEY}-other`), { algorithms: ['HS256'] })).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  test('is reused across calls, sequential and concurrent (the same string)', async () => {
    setup();
    await Promise.all(Array.from({ length: 10 }, (_, i) => getService('user').httpDispatch('GET', `/c${i}`)));
    await getService('user').httpDispatch('GET', '/after-1');
    await getService('user').httpDispatch('GET', '/after-2');
    const tokens = new Set(server.received.map((r) => r.headers.authorization));
    expect(server.received).toHaveLength(12);
    expect(tokens.size).toBe(1);
  });

  test('names the target service as its audience', async () => {
    setup();
    await getService('user').httpDispatch('GET', '/a');
    await getService('order').httpDispatch('GET', '/b');
    const key = new TextEncoder().encode(KEY);
    const toUser = await jwtVerify(bearer(server.received[0]), key, { audience: 'user' });
    const toOrder = await jwtVerify(bearer(server.received[1]), key, { audience: 'order' });
    expect([toUser.payload.aud, toUser.payload.source]).toEqual(['user', 'caller']);
    expect([toOrder.payload.aud, toOrder.payload.source]).toEqual(['order', 'caller']);
  });

  test("no serviceTokenKey: no injected authorization; the caller's own is sent as given", async () => {
    configure({ serviceName: 'caller', serviceConnections: ['user'], services: { user: { url: server.url } } });
    await getService('user').httpDispatch('GET', '/a', { headers: { Authorization: 'Bearer end-user' } });
    expect(injected(server.received[0])).toEqual({
      date: expect.stringMatching(IMF_DATE),
      'x-insanic-request-id': expect.stringMatching(UUID),
      'x-insanic-request-user': 'id=;level=-1;is_authenticated=0',
      'x-insanic-request-service': 'caller',
      authorization: 'Bearer end-user',
    });
  });
});

describe('caller headers', () => {
  test('options.headers and services[name].headers are sent, lower-cased, beside the injected ones', async () => {
    setup({ services: { user: { url: server.url, headers: { 'X-Tenant': 'acme', 'x-shared': 'from-service' } } } });
    await runWithContext({ requestId: 'r-1' }, () =>
      getService('user').httpDispatch('GET', '/a', { headers: { 'X-Feature': 'beta', 'X-Shared': 'from-call' } }),
    );
    expect(injected(server.received[0])).toEqual({
      date: expect.stringMatching(IMF_DATE),
      'x-insanic-request-id': 'r-1',
      'x-insanic-request-user': 'id=;level=-1;is_authenticated=0',
      'x-insanic-request-service': 'caller',
      authorization: expect.stringMatching(/^MSA /),
      'x-tenant': 'acme',
      'x-feature': 'beta',
      // the call's own header is more specific than the service's default
      'x-shared': 'from-call',
    });
  });

  const FORGED = {
    'X-Insanic-Request-Id': 'forged-id',
    'x-INSANIC-request-user': 'id=1;level=100;is_authenticated=1',
    'X-Insanic-Request-Service': 'admin',
    AuThOrIzAtIoN: 'MSA forged.token.value',
    Date: 'Mon, 01 Jan 2001 00:00:00 GMT',
    TraceParent: '00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01',
  };
  const CONTEXT: RequestContext = {
    requestId: 'real-id',
    user: { id: '7', level: 2, isAuthenticated: true },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  };

  test.each([
    ['options.headers', {}, { headers: FORGED }],
    ['services[name].headers', { headers: FORGED }, {}],
  ])('%s naming injected identity and context headers → invalid_usage naming one, nothing sent', async (_name, serviceExtra, options) => {
    setup({ services: { user: { url: server.url, ...serviceExtra } } });
    const error = await rejection(runWithContext(CONTEXT, () => getService('user').httpDispatch('GET', '/a', options)));
    expect({ statusCode: error.statusCode, errorCode: error.errorCode }).toEqual(INVALID_USAGE);
    expect(error.description).toMatch(
      /Header "(date|x-insanic-request-id|x-insanic-request-user|x-insanic-request-service|traceparent|authorization)" is injected/,
    );
    expect(server.received).toHaveLength(0);
  });

  test('custom header names from settings are honoured, and a caller header of that name is refused', async () => {
    setup({
      requestIdHeaderField: 'X-Request-ID',
      internalRequestUserHeader: 'X-End-User',
      internalRequestServiceHeader: 'X-Calling-Service',
      jwtServiceAuthHeaderPrefix: 'Bearer',
    });
    await runWithContext({ requestId: 'custom-1', user: { id: '3', level: 1, isAuthenticated: false } }, () => getService('user').httpDispatch('GET', '/a'));
    expect(injected(server.received[0])).toEqual({
      date: expect.stringMatching(IMF_DATE),
      'x-request-id': 'custom-1',
      'x-end-user': 'id=3;level=1;is_authenticated=0',
      'x-calling-service': 'caller',
      authorization: expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/),
    });
    const { payload } = await jwtVerify(bearer(server.received[0], 'Bearer'), new TextEncoder().encode(KEY), { audience: 'user' });
    expect(payload.source).toBe('caller');
    for (const forged of [{ 'x-request-id': 'forged' }, { 'X-End-User': 'id=0;level=100;is_authenticated=1' }, { 'x-calling-service': 'admin' }]) {
      const error = await rejection(getService('user').httpDispatch('GET', '/a', { headers: forged }));
      expect(error.description).toContain(`"${Object.keys(forged)[0]!.toLowerCase()}"`);
    }
    expect(server.received).toHaveLength(1);
  });
});

describe('refused before a byte is sent', () => {
  let tcp: TcpServer;
  beforeEach(async () => {
    tcp = await startTcpServer();
  });
  afterEach(async () => {
    await closeAll();
    await tcp.close();
  });

  function setupTcp(extra: Settings = {}): void {
    configure({ serviceName: 'caller', serviceConnections: ['raw'], services: { raw: { url: tcp.url } }, serviceTokenKey: KEY, ...extra });
  }

  /** Long enough for a connection on loopback to have been accepted, had one been opened. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  test('control: a valid call does reach the raw server', async () => {
    setupTcp();
    expect(await getService('raw').httpDispatch('GET', '/ok', { headers: { 'x-fine': 'yes' } })).toEqual({});
    await settle();
    expect(tcp.connections).toBe(1);
    expect(tcp.bytes).toBeGreaterThan(0);
  });

  type Case = [string, Settings, RequestContext | undefined, Record<string, string> | undefined];
  const cases: Case[] = [
    ['CR in an options header value', {}, undefined, { 'x-a': 'one\rtwo' }],
    ['LF in an options header value', {}, undefined, { 'x-a': 'one\ntwo' }],
    ['CRLF header smuggling in a value', {}, undefined, { 'x-a': 'one\r\nx-admin: 1' }],
    ['NUL in an options header value', {}, undefined, { 'x-a': 'one\0two' }],
    ['CR in a header name', {}, undefined, { 'x-a\rb': 'v' }],
    ['LF in a header name', {}, undefined, { 'x-a\nb': 'v' }],
    ['NUL in a header name', {}, undefined, { 'x-a\0b': 'v' }],
    ['CRLF in a services[name].headers value', { services: { raw: { headers: { 'x-tenant': 'a\r\nx-admin: 1' } } } }, undefined, undefined],
    ['CRLF in the context request id', {}, { requestId: 'r\r\nx-admin: 1' }, undefined],
    ['NUL in the context request id', {}, { requestId: 'r\0' }, undefined],
    ['LF in the context trace parent', {}, { requestId: 'r', traceparent: '00-a\nx-admin: 1' }, undefined],
    ['a user id that rewrites the level', {}, { user: { id: '7;level=100', level: 1, isAuthenticated: true } }, undefined],
    ['a user id with "="', {}, { user: { id: 'a=b', level: 1, isAuthenticated: true } }, undefined],
    ['a user id with CRLF', {}, { user: { id: '7\r\nx-admin: 1', level: 1, isAuthenticated: true } }, undefined],
    ['a user id over 256 characters', {}, { user: { id: 'u'.repeat(257), level: 1, isAuthenticated: true } }, undefined],
    ['a context request id over 1 KiB', {}, { requestId: 'r'.repeat(1025) }, undefined],
    ['a context trace parent over 1 KiB', {}, { requestId: 'r', traceparent: 't'.repeat(1025) }, undefined],
  ];

  test.each(cases)('%s → invalid_usage, no connection', async (_name, settings, context, headers) => {
    const extra = settings.services ? { services: { raw: { url: tcp.url, ...settings.services.raw } } } : {};
    setupTcp(extra);
    const call = () => getService('raw').httpDispatch('GET', '/x', headers ? { headers } : {});
    const error = await rejection(context ? runWithContext(context, call) : call());
    expect({ statusCode: error.statusCode, errorCode: error.errorCode }).toEqual(INVALID_USAGE);
    expect(error.service).toBe('raw');
    await settle();
    expect({ connections: tcp.connections, bytes: tcp.bytes }).toEqual({ connections: 0, bytes: 0 });
  });
});
