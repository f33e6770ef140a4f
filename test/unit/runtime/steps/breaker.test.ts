/**
 * The breaker step with an injected `next` (as openapi-fetch's createObservedClient tests its
 * middleware): no server, the step's decisions seen from both sides of it.
 */
import { expect, test } from 'vitest';
import { breaker, CircuitBreaker } from '../../../../runtime/steps/breaker.js';
import { codedError, outgoingRequest as request, scripted } from '../../../helpers/outgoing.js';

const SETTINGS = { enabled: true, failureRatio: 0.5, minimumCalls: 4, windowMs: 10_000, cooldownMs: 60_000, halfOpenProbes: 1 };

test('four 503s in the window open the circuit: the fifth call throws circuit_open without reaching next', async () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  const next = scripted(503);
  const call = breaker(circuit)(next);
  for (let i = 0; i < 4; i++) expect((await call(request())).status).toBe(503);
  expect(circuit.state).toBe('open');
  await expect(call(request())).rejects.toMatchObject({ statusCode: 503, errorCode: { name: 'circuit_open' } });
  expect(next.seen).toHaveLength(4);
});

test('2xx and 4xx answers are not failures: the circuit stays closed', async () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  for (const status of [200, 404, 200, 400, 201, 409]) await breaker(circuit)(scripted(status))(request());
  expect(circuit.state).toBe('closed');
});

test('a 429 counts as a failure like a 5xx', async () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  for (let i = 0; i < 4; i++) await breaker(circuit)(scripted(429))(request());
  expect(circuit.state).toBe('open');
});

test('transport errors count; a plain Error (a bug, not the service) does not', async () => {
  const counted = new CircuitBreaker('user', SETTINGS);
  const reset = breaker(counted)(scripted(codedError('ECONNRESET')));
  for (let i = 0; i < 4; i++) await expect(reset(request())).rejects.toMatchObject({ code: 'ECONNRESET' });
  expect(counted.state).toBe('open');
  const ignored = new CircuitBreaker('user', SETTINGS);
  const bug = breaker(ignored)(scripted(new TypeError('a bug')));
  for (let i = 0; i < 6; i++) await expect(bug(request())).rejects.toThrow('a bug');
  expect(ignored.state).toBe('closed');
});

test('after the cool-down one probe is let through: its success closes the circuit, its failure reopens it', () => {
  const changes: string[] = [];
  const circuit = new CircuitBreaker('user', SETTINGS, (c) => changes.push(`${c.from}→${c.to}`));
  for (let i = 0; i < 4; i++) circuit.record(true, 1000);
  expect(circuit.allow(1000 + SETTINGS.cooldownMs - 1)).toBe(false);
  expect(circuit.allow(1000 + SETTINGS.cooldownMs)).toBe(true); // the probe
  expect(circuit.allow(1000 + SETTINGS.cooldownMs)).toBe(false); // halfOpenProbes: 1
  circuit.record(true, 1000 + SETTINGS.cooldownMs);
  expect(circuit.state).toBe('open');
  expect(circuit.allow(1000 + 2 * SETTINGS.cooldownMs)).toBe(true);
  circuit.record(false, 1000 + 2 * SETTINGS.cooldownMs);
  expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→open', 'open→half-open', 'half-open→closed']);
});

test('failures older than the window are forgotten', () => {
  const circuit = new CircuitBreaker('user', SETTINGS);
  for (let i = 0; i < 3; i++) circuit.record(true, 0);
  circuit.record(true, SETTINGS.windowMs + 1); // the first three left the window
  expect(circuit.state).toBe('closed');
});

test('a disabled breaker allows everything and never opens', () => {
  const circuit = new CircuitBreaker('user', { ...SETTINGS, enabled: false });
  for (let i = 0; i < 10; i++) circuit.record(true);
  expect([circuit.state, circuit.allow()]).toEqual(['closed', true]);
});
