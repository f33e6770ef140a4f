/**
 * Authorization and injected-header collisions (issue 10, section 4), against real servers on
 * 127.0.0.1: without a serviceTokenKey a caller's Authorization (options.headers or a spec header
 * parameter) arrives as given; with one, the token goes in `serviceAuthHeader`; a caller header
 * that names an injected one fails with invalid_usage naming it before any connection is opened.
 */

import { APIException, closeAll, configure, getService, type OperationSpec, type Settings } from 'svc-gen/runtime';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { json, startServer, type TestServer } from '../helpers/server.js';
import { startTcpServer, type TcpServer } from '../helpers/tcp.js';

const KEY = 'svc-gen-test-secret-0123456789abcdef';
/** What a generated client emits for `GET /me` with an `Authorization` header parameter. */
const GET_ME: OperationSpec = { operationId: 'getMe', method: 'GET', path: '/me' };

let server: TestServer;
let tcp: TcpServer;
beforeEach(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
  tcp = await startTcpServer();
});
afterEach(async () => {
  await closeAll();
  await server.close();
  await tcp.close();
});

function setup(url: string, extra: Settings = {}): void {
  configure({ serviceName: 'caller', serviceConnections: ['user'], services: { user: { url } }, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<APIException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIException);
  return error as APIException;
}

/** Long enough for a loopback connection to have been accepted, had one been opened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("without serviceTokenKey, the caller's Authorization arrives", () => {
  test('from options.headers (httpDispatch)', async () => {
    setup(server.url);
    await getService('user').httpDispatch('GET', '/me', { headers: { Authorization: 'Bearer end-user-token' } });
    expect(server.received[0]?.headers.authorization).toBe('Bearer end-user-token');
  });

  test('from a spec header parameter (generated call)', async () => {
    setup(server.url);
    await getService('user').call(GET_ME, { headers: { Authorization: 'Bearer from-param' } });
    expect(server.received[0]?.headers.authorization).toBe('Bearer from-param');
  });

  test('from options.headers of a generated call', async () => {
    setup(server.url);
    await getService('user').call(GET_ME, undefined, { headers: { authorization: 'Basic dTpw' } });
    expect(server.received[0]?.headers.authorization).toBe('Basic dTpw');
  });

  test('and none is invented when the caller gives none', async () => {
    setup(server.url);
    await getService('user').call(GET_ME, undefined);
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });
});

describe('serviceAuthHeader', () => {
  test("moves the identity token to another header; the caller's Authorization then passes through", async () => {
    setup(server.url, { serviceTokenKey: KEY, serviceAuthHeader: 'X-Service-Token' });
    await getService('user').call(GET_ME, { headers: { Authorization: 'Bearer end-user' } });
    const headers = server.received[0]?.headers;
    expect(headers?.authorization).toBe('Bearer end-user');
    expect(headers?.['x-service-token']).toMatch(/^MSA [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('defaults to authorization, as Insanic', async () => {
    setup(server.url, { serviceTokenKey: KEY });
    await getService('user').httpDispatch('GET', '/me');
    expect(server.received[0]?.headers.authorization).toMatch(/^MSA [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('an invalid header name is refused when configured', () => {
    expect(() => setup(server.url, { serviceAuthHeader: 'bad header' })).toThrow(/serviceAuthHeader/);
  });
});

describe('a caller header that collides with an injected one → invalid_usage naming it, no connection', () => {
  type Case = [string, Settings, Record<string, string>, string];
  const cases: Case[] = [
    ['Authorization with a token key (spec header parameter)', { serviceTokenKey: KEY }, { Authorization: 'Bearer end-user' }, 'authorization'],
    ['the custom serviceAuthHeader', { serviceTokenKey: KEY, serviceAuthHeader: 'X-Service-Token' }, { 'x-service-token': 'forged' }, 'x-service-token'],
    ['date', {}, { Date: 'Mon, 01 Jan 2001 00:00:00 GMT' }, 'date'],
    ['the request id', {}, { 'X-Insanic-Request-Id': 'forged' }, 'x-insanic-request-id'],
    ['the user', {}, { 'X-Insanic-Request-User': 'id=1;level=100;is_authenticated=1' }, 'x-insanic-request-user'],
    ['the calling service', {}, { 'X-Insanic-Request-Service': 'admin' }, 'x-insanic-request-service'],
    ['the trace parent', {}, { traceparent: '00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01' }, 'traceparent'],
    ['the deadline', {}, { 'X-Svc-Deadline-Ms': '99999' }, 'x-svc-deadline-ms'],
  ];

  test.each(cases)('%s (spec header parameter)', async (_name, settings, headers, named) => {
    setup(tcp.url, settings);
    const error = await rejection(getService('user').call(GET_ME, { headers }));
    expect(error.errorCode.name).toBe('invalid_usage');
    expect(error.description).toContain(`Header "${named}"`);
    await settle();
    expect({ connections: tcp.connections, bytes: tcp.bytes }).toEqual({ connections: 0, bytes: 0 });
  });

  test.each(cases)('%s (options.headers)', async (_name, settings, headers, named) => {
    setup(tcp.url, settings);
    const error = await rejection(getService('user').httpDispatch('POST', '/me', { headers, payload: { a: 1 } }));
    expect(error.description).toContain(`Header "${named}"`);
    await settle();
    expect({ connections: tcp.connections, bytes: tcp.bytes }).toEqual({ connections: 0, bytes: 0 });
  });

  test('control: the same calls without the colliding header reach the raw server', async () => {
    setup(tcp.url, { serviceTokenKey: KEY });
    await getService('user').call(GET_ME, { headers: { 'x-fine': 'yes' } });
    await settle();
    expect(tcp.connections).toBe(1);
  });
});
