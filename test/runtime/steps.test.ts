/**
 * User steps (`configure({ steps })`) against a real server: per-call steps run once outside
 * retries, per-attempt steps on every attempt; global steps run before the service's own; a step
 * may answer without calling next; anything a step throws leaves the call as an APIException.
 */

import { APIException, closeAll, configure, getService, type Step } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  // 503 on the first attempt of every call marked `x-flaky`, 200 otherwise.
  server = await startServer((req, res) => {
    const flaky = req.headers['x-flaky'] === '1' && !server.received.slice(0, -1).some((r) => r.headers['x-call'] === req.headers['x-call']);
    json(res, flaky ? 503 : 200, { ok: true });
  });
});
afterAll(() => server.close());
afterEach(async () => {
  server.received.length = 0;
  await closeAll();
});

const base = () => ({ serviceConnections: ['svc'], retryBackoffBaseMs: 1, retryBackoffMaxMs: 2, services: { svc: { url: server.url } } });

it('a logging step runs once per call; a header step on every attempt, both seen at the server', async () => {
  const log: string[] = [];
  let attempt = 0;
  const logging: Step = (next) => async (request) => {
    const response = await next(request);
    log.push(`${request.method} ${request.path} -> ${response.status} after ${request.attempts} attempts`);
    return response;
  };
  const attemptHeader: Step = (next) => (request) => {
    request.headers['x-attempt'] = String(++attempt);
    return next(request);
  };
  configure({ ...base(), steps: [logging, { per: 'attempt', step: attemptHeader }] });
  await getService('svc').httpDispatch('GET', '/things', { headers: { 'x-flaky': '1', 'x-call': 'a' } });
  expect(server.received.map((r) => r.headers['x-attempt'])).toEqual(['1', '2']);
  expect(log).toEqual(['GET /things -> 200 after 2 attempts']);
});

it('per-call steps see the injected headers; global steps run before the service ones', async () => {
  const order: string[] = [];
  const mark =
    (name: string): Step =>
    (next) =>
    (request) => {
      order.push(`${name}:${request.headers['x-insanic-request-service']}`);
      return next(request);
    };
  configure({ ...base(), serviceName: 'me', steps: [mark('global')], services: { svc: { url: server.url, steps: [mark('service')] } } });
  await getService('svc').httpDispatch('GET', '/');
  expect(order).toEqual(['global:me', 'service:me']);
});

it('a step may answer without calling next (a test double)', async () => {
  const canned: Step = () => async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode('{"canned":true}') });
  configure({ ...base(), steps: [canned] });
  expect(await getService('svc').httpDispatch('GET', '/')).toEqual({ canned: true });
  expect(server.received).toHaveLength(0);
});

it('a step that throws becomes an APIException (500 unknown_error, cause kept); an APIException passes as is', async () => {
  const boom = new Error('no token for you');
  configure({ ...base(), steps: [() => () => Promise.reject(boom)] });
  const error = await getService('svc')
    .httpDispatch('GET', '/')
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIException);
  expect((error as APIException).errorCode.name).toBe('unknown_error');
  expect((error as APIException).statusCode).toBe(500);
  expect((error as APIException).cause).toBe(boom);
  expect((error as APIException).service).toBe('svc');

  const denied = new APIException({ statusCode: 403, errorCode: { name: 'permission_denied', value: 999010 }, message: 'Denied', description: 'Denied' });
  configure({ ...base(), steps: [{ per: 'attempt', step: () => () => Promise.reject(denied) }] });
  expect(
    await getService('svc')
      .httpDispatch('GET', '/')
      .catch((e: unknown) => e),
  ).toBe(denied);
  expect(server.received).toHaveLength(0);
});
