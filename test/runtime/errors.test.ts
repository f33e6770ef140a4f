/** Every failure becomes an APIException with all fields set: one test per mapping, real servers. */
import { APIException, closeAll, configure, GlobalErrorCodes, getService, ResponseTimeoutError } from 'svc-gen/runtime';
import { describe, expect, test, vi } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';
import { startGreetingServer } from '../helpers/tcp.js';

const served = servedService('user', { retryBackoffBaseMs: 1 });
const setup = (handler: Handler) => served.start(handler);

async function failure(call: Promise<unknown>): Promise<APIException> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIException);
  return error as APIException;
}

describe('HTTP errors', () => {
  test("Insanic's error body: message, description and errorCode come from it", async () => {
    const body = { message: 'User not found', description: 'No user with id 7.', error_code: { name: 'user_not_found', value: 1404 } };
    const service = await setup((_req, res) => json(res, 404, body));
    const e = await failure(service.httpDispatch('GET', '/users/7', { propagateError: true }));
    expect({ ...e, message: e.message }).toEqual({
      name: 'APIException',
      statusCode: 404,
      errorCode: { name: 'user_not_found', value: 1404 },
      message: 'User not found',
      description: 'No user with id 7.',
      service: 'user',
      operation: 'GET /users/7',
      method: 'GET',
      url: `${served.server.url}/users/7`,
      attempts: 1,
      body,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'content-length': String(JSON.stringify(body).length) }),
    });
    expect(e.cause).toBeUndefined();
  });

  test('RFC 9457 problem+json: title → message, detail → description, unknown_error', async () => {
    const problem = { type: 'about:blank', title: 'Out of stock', detail: 'Item 3 has 0 left.', status: 409 };
    const service = await setup((_req, res) => json(res, 409, problem, { 'content-type': 'application/problem+json' }));
    const e = await failure(service.httpDispatch('POST', '/orders', { payload: {}, propagateError: true }));
    expect(e).toMatchObject({
      statusCode: 409,
      message: 'Out of stock',
      description: 'Item 3 has 0 left.',
      errorCode: { name: 'unknown_error', value: 999999 },
      body: problem,
      attempts: 1,
      method: 'POST',
    });
  });

  test('any other body: description is its text, cut at 1 KiB', async () => {
    const text = 'x'.repeat(3000);
    const service = await setup((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(text);
    });
    const e = await failure(service.httpDispatch('GET', '/t', { propagateError: true }));
    expect(e).toMatchObject({ statusCode: 400, message: 'HTTP 400', errorCode: { name: 'unknown_error', value: 999999 }, body: text });
    expect(e.description).toBe(text.slice(0, 1024));
  });

  test('without propagateError a 4xx body is returned like a success (Insanic)', async () => {
    const service = await setup((_req, res) => json(res, 404, { message: 'nope' }));
    await expect(service.httpDispatch('GET', '/x')).resolves.toEqual({ message: 'nope' });
    await expect(service.httpDispatch('GET', '/x', { includeStatusCode: true })).resolves.toEqual([{ message: 'nope' }, 404]);
  });

  test('without propagateError a 5xx still failing after the retries throws', async () => {
    const service = await setup((_req, res) => json(res, 502, { message: 'bad gateway', error_code: { name: 'upstream', value: 7 } }));
    const e = await failure(service.httpDispatch('GET', '/x'));
    expect(e).toMatchObject({ statusCode: 502, message: 'bad gateway', errorCode: { name: 'upstream', value: 7 }, attempts: 3 });
  });

  test('a 3xx is never followed: redirect_not_followed', async () => {
    const service = await setup((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.2:1/steal' });
      res.end();
    });
    const e = await failure(service.httpDispatch('GET', '/r'));
    expect(e).toMatchObject({ statusCode: 302, errorCode: { name: 'redirect_not_followed', value: 999650 }, attempts: 1 });
    expect(served.server.received).toHaveLength(1);
  });
});

describe('transport errors', () => {
  test('connection refused: 503 service_unavailable after the retries, cause kept', async () => {
    const service = await setup(() => undefined);
    const url = served.server.url;
    await served.stop();
    const e = await failure(service.httpDispatch('GET', '/x'));
    expect(e).toMatchObject({
      statusCode: 503,
      errorCode: { name: 'service_unavailable', value: 999603 },
      message: 'Service unavailable',
      attempts: 3,
      url: `${url}/x`,
    });
    expect((e.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test('connection reset: 503 service_unavailable', async () => {
    const service = await setup((req) => {
      req.socket.resetAndDestroy();
    });
    const e = await failure(service.httpDispatch('GET', '/reset', { retryCount: 1 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'service_unavailable' }, attempts: 2 });
    expect(e.cause).toBeInstanceOf(Error);
  });

  test('another transport failure (a reply that is not HTTP): 503 transport_error', async () => {
    const tcp = await startGreetingServer('SSH-2.0-OpenSSH\r\n\r\n');
    try {
      configure({
        serviceConnections: ['user'],
        retryBackoffBaseMs: 1,
        services: { user: { url: tcp.url } },
      });
      const e = await failure(getService('user').httpDispatch('GET', '/x', { retryCount: 0 }));
      expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error', value: 999630 }, message: 'Transport error', attempts: 1 });
      expect(e.cause).toBeInstanceOf(Error);
    } finally {
      await closeAll();
      await tcp.close();
    }
  });

  test('a body cut short mid-way: transport_error', async () => {
    const service = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"a":');
      setTimeout(() => res.destroy(), 10);
    });
    const e = await failure(service.httpDispatch('GET', '/cut', { retryCount: 0 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' }, attempts: 1 });
  });
});

describe('bad usage and bad bodies', () => {
  test('a malformed base URL: 500 invalid_url, nothing sent', async () => {
    configure({ serviceConnections: ['user'], services: { user: { url: 'http://[::1' } } });
    const e = await failure(getService('user').httpDispatch('GET', '/x'));
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_url', value: 999610 }, service: 'user', attempts: 0 });
  });

  test.each([['http://127.0.0.2/x'], ['//127.0.0.2/x'], ['\\\\evil/x']])('an endpoint that names a host (%s): invalid_url, nothing sent', async (endpoint) => {
    const service = await setup((_req, res) => json(res, 200, {}));
    const e = await failure(service.httpDispatch('GET', endpoint));
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_url' }, attempts: 0 });
    expect(served.server.received).toHaveLength(0);
  });

  test('an unknown method: 500 invalid_usage before a byte is sent', async () => {
    const service = await setup((_req, res) => json(res, 200, {}));
    const e = await failure(service.httpDispatch('GETS', '/x'));
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_usage', value: 999401 }, attempts: 0, service: 'user', method: 'GETS' });
    expect(served.server.received).toHaveLength(0);
  });

  test('a 2xx body that claims JSON but does not parse: 502 client_payload_error', async () => {
    const service = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"broken":');
    });
    const e = await failure(service.httpDispatch('GET', '/bad'));
    expect(e).toMatchObject({ statusCode: 502, errorCode: { name: 'client_payload_error', value: 999620 }, attempts: 1, url: `${served.server.url}/bad` });
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });

  test('timeout maps to ResponseTimeoutError (503 service_timeout)', async () => {
    const service = await setup(() => new Promise(() => undefined));
    const e = await failure(service.httpDispatch('GET', '/hang', { responseTimeout: 50 }));
    expect(e).toBeInstanceOf(ResponseTimeoutError);
    expect(e).toMatchObject({
      name: 'ResponseTimeoutError',
      statusCode: 503,
      errorCode: { name: 'service_timeout', value: 999604 },
      message: 'Service timed out',
      attempts: 1,
    });
    expect(e.cause).toBeInstanceOf(Error);
  });
});

describe('APIException identity', () => {
  test('instanceof holds across two loaded copies of the runtime', async () => {
    vi.resetModules();
    const copy = await import('../../runtime/errors.js');
    expect(copy.APIException).not.toBe(APIException);
    const fromCopy = new copy.ResponseTimeoutError({ timeoutMs: 1 });
    expect(fromCopy).toBeInstanceOf(APIException);
    expect(fromCopy).toBeInstanceOf(ResponseTimeoutError);
    expect(new copy.APIException({ statusCode: 500, errorCode: { name: 'x', value: 1 }, message: 'm' })).not.toBeInstanceOf(ResponseTimeoutError);
    expect(new Error('plain')).not.toBeInstanceOf(APIException);
    expect(null).not.toBeInstanceOf(APIException);
  });

  test('GlobalErrorCodes mirrors Insanic and adds request_cancelled', () => {
    expect(GlobalErrorCodes).toMatchObject({
      authentication_credentials_missing: 999001,
      invalid_usage: 999401,
      not_found: 999404,
      service_unavailable: 999603,
      service_timeout: 999604,
      request_cancelled: 999605,
      invalid_url: 999610,
      client_payload_error: 999620,
      transport_error: 999630,
      stream_error: 999640,
      error_unspecified: 999998,
      unknown_error: 999999,
    });
  });
});
