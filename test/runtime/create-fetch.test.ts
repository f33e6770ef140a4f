/**
 * openapi-fetch on svc-gen's runtime: `createClient<paths>({ fetch: createFetch('user') })` against
 * a real server on 127.0.0.1. Requests go to the registry's address (with its path prefix), carry the
 * injected headers, are retried, time out, and fail as APIException; 2xx and 4xx come back as data/error.
 */
import { createServer } from 'node:net';
import { APIException, configure, createFetch, runWithContext, type Settings } from '@svc-gen/runtime';
import createClient from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

/** What openapi-typescript writes for two operations of a user service. */
interface paths {
  '/users/{userId}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { fields?: string }; header?: never; path: { userId: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string; name: string } } };
        404: { headers: { [name: string]: unknown }; content: { 'application/json': { message: string } } };
      };
    };
  };
  '/users': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 201: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string; name: string } } } };
    };
  };
}

const served = servedService('user', { serviceName: 'gateway', retryBackoffBaseMs: 1, retryBackoffMaxMs: 5 });

/** A server, the registry pointing `user` at it under /api, and an openapi-fetch client on createFetch. */
async function setup(handler: Handler, settings: Settings = {}) {
  await served.start(handler, settings, '/api');
  // baseUrl only has to be absolute: the address comes from the registry.
  return { client: createClient<paths>({ baseUrl: 'http://user', fetch: createFetch('user') }), received: served.server.received };
}

const user = (id: string) => ({ id, name: `user ${id}` });

describe('createFetch with openapi-fetch', () => {
  test('a 503 is retried; the request goes to the registry address with its prefix, the query kept', async () => {
    const { client, received } = await setup((req, res, _r, i) =>
      i === 0 ? json(res, 503, { message: 'busy' }) : json(res, 200, user(req.url?.split('/')[3]?.split('?')[0] ?? '')),
    );
    const { data, error, response } = await client.GET('/users/{userId}', { params: { path: { userId: '7' }, query: { fields: 'a b' } } });
    expect(error).toBeUndefined();
    expect(data).toEqual(user('7'));
    expect(response.status).toBe(200);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/users/7?fields=a%20b', 'GET /api/users/7?fields=a%20b']);
  });

  test('context, identity and service headers are injected next to the caller’s own', async () => {
    const { client, received } = await setup((_req, res) => json(res, 200, user('1')), {
      serviceTokenKey: 'secret',
      services: { user: { headers: { 'x-team': 'core' } } },
    });
    await runWithContext({ requestId: 'req-42' }, () => client.GET('/users/{userId}', { params: { path: { userId: '1' } }, headers: { 'x-caller': 'yes' } }));
    const headers = received[0]?.headers ?? {};
    expect(headers['x-insanic-request-id']).toBe('req-42');
    expect(headers['x-insanic-request-service']).toBe('gateway');
    expect(headers.authorization).toMatch(/^MSA [\w-]+\.[\w-]+\.[\w-]+$/); // signed with jose, loaded by import()
    expect(headers['x-team']).toBe('core');
    expect(headers['x-caller']).toBe('yes');
  });

  test('a JSON body arrives as sent; a 4xx comes back as openapi-fetch’s error, not thrown, and is not retried', async () => {
    const { client, received } = await setup((req, res, r) =>
      req.method === 'POST' ? json(res, 201, { id: '9', ...JSON.parse(r.body.toString()) }) : json(res, 404, { message: 'no such user' }),
    );
    const created = await client.POST('/users', { body: { name: 'Ada' } });
    expect(created.data).toEqual({ id: '9', name: 'Ada' });
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.body.toString()).toBe('{"name":"Ada"}');
    const missing = await client.GET('/users/{userId}', { params: { path: { userId: 'x' } } });
    expect(missing.error).toEqual({ message: 'no such user' });
    expect(missing.response.status).toBe(404);
    expect(received).toHaveLength(2);
  });

  test('a refused connection rejects with APIException 503 service_unavailable, after the retries', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise((r) => probe.close(r));
    configure({ serviceConnections: ['user'], retryBackoffBaseMs: 1, retryBackoffMaxMs: 5, services: { user: { url: `http://127.0.0.1:${port}` } } });
    const client = createClient<paths>({ baseUrl: 'http://user', fetch: createFetch('user') });
    const error = await client.GET('/users/{userId}', { params: { path: { userId: '1' } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, errorCode: { name: 'service_unavailable' }, service: 'user', method: 'GET', attempts: 3 });
    expect((error as APIException).url).toBe(`http://127.0.0.1:${port}/users/1`);
  });

  test('503s past the retries reject with APIException carrying the attempts', async () => {
    const { client, received } = await setup((_req, res) => json(res, 503, { message: 'down' }));
    await expect(client.GET('/users/{userId}', { params: { path: { userId: '1' } } })).rejects.toMatchObject({ statusCode: 503, attempts: 3 });
    expect(received).toHaveLength(3);
  });

  test('the service timeout bounds the call (APIException), and the deadline is stamped on the request', async () => {
    const { client, received } = await setup(() => undefined, { deadlineHeader: 'x-deadline', services: { user: { timeout: 150 } } });
    const error = await client.GET('/users/{userId}', { params: { path: { userId: '1' } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, errorCode: { name: 'service_timeout' }, attempts: 1 });
    expect(received[0]?.headers['x-deadline']).toMatch(/^\d+$/);
  });

  test('an open circuit refuses without sending, and an unknown service is refused by name', async () => {
    const { client, received } = await setup((_req, res) => json(res, 500, {}), { circuitBreaker: { minimumCalls: 1, failureRatio: 0.5 } });
    await expect(client.GET('/users/{userId}', { params: { path: { userId: '1' } } })).rejects.toBeInstanceOf(APIException);
    const sent = received.length;
    await expect(client.GET('/users/{userId}', { params: { path: { userId: '1' } } })).rejects.toMatchObject({ errorCode: { name: 'circuit_open' } });
    expect(received).toHaveLength(sent);
    const other = createClient<paths>({ baseUrl: 'http://x', fetch: createFetch('inventory') });
    await expect(other.GET('/users/{userId}', { params: { path: { userId: '1' } } })).rejects.toThrow(/Unknown service "inventory"/);
  });
});
