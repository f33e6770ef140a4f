/**
 * Property: whatever the server does (status, body, content type, resets, delays), a call either
 * returns or throws an APIException with its cause kept; never another error type, never an
 * unhandled rejection, and no token or header value in an error message. Time-boxed.
 */
import fc from 'fast-check';
import { APIException, closeAll, configure, getService, runWithContext } from 'svc-gen/runtime';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';

interface Behaviour {
  status: number;
  contentType: string;
  body: string;
  delayMs: number;
  fault: 'none' | 'reset' | 'destroy-mid-body' | 'hang';
}

const behaviour = fc.record<Behaviour>({
  status: fc.oneof(fc.constantFrom(200, 201, 204, 301, 400, 404, 409, 429, 500, 502, 503), fc.integer({ min: 200, max: 599 })),
  contentType: fc.constantFrom('application/json', 'application/problem+json', 'text/plain', 'application/octet-stream', ''),
  body: fc.oneof(fc.json(), fc.string(), fc.constant('{"message":"m","error_code":{"name":"x","value":1}}'), fc.constant('{"broken":')),
  delayMs: fc.integer({ min: 0, max: 20 }),
  fault: fc.constantFrom('none', 'none', 'none', 'reset', 'destroy-mid-body', 'hang'),
});

const SECRET = 'super-secret-key-value';
let server: TestServer;
let current: Behaviour;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startServer(async (req, res) => {
    const b = current;
    await new Promise((r) => setTimeout(r, b.delayMs));
    if (b.fault === 'reset') return req.socket.resetAndDestroy();
    if (b.fault === 'hang') return;
    const headers: Record<string, string> = b.contentType ? { 'content-type': b.contentType } : {};
    if (b.fault === 'destroy-mid-body') {
      res.writeHead(b.status === 204 ? 200 : b.status, { ...headers, 'content-length': String(Buffer.byteLength(b.body) + 10) });
      res.write(b.body);
      return setTimeout(() => res.destroy(), 1);
    }
    res.writeHead(b.status, headers);
    res.end(b.status === 204 || b.status === 304 ? undefined : b.body);
  });
  configure({
    serviceName: 'prop',
    serviceTokenKey: SECRET,
    serviceConnections: ['p'],
    retryBackoffBaseMs: 1,
    retryBudget: { maxTokens: 1e6 },
    circuitBreaker: { enabled: false },
    services: { p: { url: server.url } },
  });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await closeAll();
  await server.close();
});

test('every outcome is a value or an APIException with its cause, and secrets never reach messages', async () => {
  await fc.assert(
    fc.asyncProperty(behaviour, fc.constantFrom('GET', 'POST', 'DELETE'), fc.boolean(), async (b, method, propagateError) => {
      current = b;
      const userId = 'user-7';
      try {
        await runWithContext({ requestId: 'rid-123', user: { id: userId, level: 1, isAuthenticated: true } }, () =>
          getService('p').httpDispatch(method, '/p', {
            propagateError,
            responseTimeout: 150,
            payload: method === 'POST' ? { a: 1 } : undefined,
            headers: { 'x-api-key': 'header-secret' },
          }),
        );
      } catch (error) {
        expect(error).toBeInstanceOf(APIException);
        const e = error as APIException;
        expect(e.statusCode).toBeGreaterThanOrEqual(300);
        expect(typeof e.errorCode.name).toBe('string');
        expect(typeof e.errorCode.value).toBe('number');
        expect(e.service).toBe('p');
        expect(e.attempts).toBeGreaterThanOrEqual(1);
        const isHttp = e.statusCode === b.status && b.fault === 'none';
        if (!isHttp) expect(e.cause).toBeDefined(); // transport, timeout, payload errors keep their cause
        const text = `${e.message} ${e.description}`;
        for (const secret of [SECRET, 'header-secret', 'MSA ey']) expect(text).not.toContain(secret);
      }
    }),
    { numRuns: 150, interruptAfterTimeLimit: 20_000 },
  );
  await new Promise((r) => setTimeout(r, 50));
  expect(unhandled).toEqual([]);
}, 60_000);
