/**
 * The breaker step with an injected `next` (as openapi-fetch's createObservedClient tests its
 * middleware): no server, the step's decisions seen from both sides of it.
 */
import { expect, test } from 'vitest';
import type { Fetch, OutgoingRequest, RawResponse } from '../../../../runtime/pipeline.js';
import { breaker, CircuitBreaker } from '../../../../runtime/steps/breaker.js';

const SETTINGS = { enabled: true, failureRatio: 0.5, minimumCalls: 4, windowMs: 10_000, cooldownMs: 60_000, halfOpenProbes: 1 };

function request(): OutgoingRequest {
  return {
    service: 'user',
    method: 'GET',
    url: 'http://127.0.0.1:1/users',
    origin: 'http://127.0.0.1:1',
    path: '/users',
    headers: {},
    body: null,
    propagateError: false,
    maxRetries: 0,
    timeoutMs: 1000,
    attemptTimeoutMs: 0,
    signal: undefined,
    deadline: Date.now() + 1000,
    timedOut: false,
    attempts: 0,
    operation: 'getUsers',
  };
}

/** A `next` that answers `status` and counts how often it was reached. */
function answering(status: number): Fetch & { calls: number } {
  const next = Object.assign(
    async (): Promise<RawResponse> => {
      next.calls++;
      return { status, headers: {}, body: new Uint8Array() };
    },
    { calls: 0 },
  );
  return next;
}

test('four 503s in the window open the circuit: the fifth call throws circuit_open without reaching next', async () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  const next = answering(503);
  const call = breaker(circuit)(next);
  for (let i = 0; i < 4; i++) expect((await call(request())).status).toBe(503);
  expect(circuit.state).toBe('open');
  await expect(call(request())).rejects.toMatchObject({ statusCode: 503, errorCode: { name: 'circuit_open' } });
  expect(next.calls).toBe(4);
});

test('2xx and 4xx answers are not failures: the circuit stays closed', async () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  for (const status of [200, 404, 200, 400, 201, 409]) await breaker(circuit)(answering(status))(request());
  expect(circuit.state).toBe('closed');
});
