/** Circuit breaker: the state machine with an injected clock, and fail-fast against a real server. */

import { APIException, CircuitBreaker, type CircuitStateChange, getService } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json } from '../helpers/server.js';

const settings = { enabled: true, failureRatio: 0.5, minimumCalls: 4, windowMs: 1000, cooldownMs: 500, halfOpenProbes: 1 };

describe('CircuitBreaker state machine', () => {
  test('opens at the failure ratio once the window holds minimumCalls', () => {
    const changes: CircuitStateChange[] = [];
    const b = new CircuitBreaker('svc', settings, (c) => changes.push(c));
    b.record(true, 0);
    b.record(true, 10);
    b.record(true, 20); // 3 of 3 failed, but fewer than minimumCalls
    expect(b.state).toBe('closed');
    b.record(false, 30); // 3 of 4 = 75%: the next failure decides
    b.record(true, 40);
    expect(b.state).toBe('open');
    expect(changes).toEqual([{ service: 'svc', from: 'closed', to: 'open', failures: 4, total: 5 }]);
    expect(b.allow(100)).toBe(false);
  });

  test('stays closed below the ratio', () => {
    const b = new CircuitBreaker('svc', settings);
    for (let i = 0; i < 20; i++) b.record(i % 3 === 2, i); // a third fail
    expect(b.state).toBe('closed');
  });

  test('old failures leave the rolling window', () => {
    const b = new CircuitBreaker('svc', settings);
    for (let i = 0; i < 3; i++) b.record(true, i);
    for (let i = 0; i < 10; i++) b.record(false, 1500 + i); // the failures are now outside the window
    b.record(true, 1600);
    expect(b.state).toBe('closed');
  });

  test('after the cool-down: half-open with limited probes; success closes, failure reopens', () => {
    const changes: string[] = [];
    const b = new CircuitBreaker('svc', settings, (c) => changes.push(`${c.from}>${c.to}`));
    for (let i = 0; i < 4; i++) b.record(true, i);
    expect(b.allow(400)).toBe(false); // still cooling down
    expect(b.allow(510)).toBe(true); // the one probe
    expect(b.state).toBe('half-open');
    expect(b.allow(511)).toBe(false); // no second probe at once
    b.record(true, 520); // the probe failed: open again, a new cool-down
    expect(b.allow(600)).toBe(false);
    expect(b.allow(1030)).toBe(true);
    b.release(); // an aborted probe tells nothing: its place is given back
    expect(b.allow(1031)).toBe(true);
    b.record(false, 1040);
    expect(b.state).toBe('closed');
    expect(b.allow(1041)).toBe(true);
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>open', 'open>half-open', 'half-open>closed']);
  });

  test('disabled: never opens', () => {
    const b = new CircuitBreaker('svc', { ...settings, enabled: false });
    for (let i = 0; i < 50; i++) b.record(true, i);
    expect(b.state).toBe('closed');
    expect(b.allow(60)).toBe(true);
  });
});

describe('against a real server', () => {
  const served = servedService('c', { retryBackoffBaseMs: 1 });

  test('an open circuit fails fast with circuit_open and sends nothing; a retry never passes it; it closes after recovery', async () => {
    let healthy = false;
    const changes: string[] = [];
    await served.start((_req, res) => (healthy ? json(res, 200, { ok: true }) : json(res, 503, {})), {
      circuitBreaker: { minimumCalls: 10, cooldownMs: 200 },
      onCircuitStateChange: (c) => changes.push(`${c.service}:${c.to}`),
    });
    const c = getService('c');
    for (let i = 0; i < 10; i++) await c.httpDispatch('GET', '/x').catch(() => undefined);
    expect(c.circuit.state).toBe('open');
    const before = served.server.received.length;
    expect(before).toBeLessThanOrEqual(12); // attempts until it opened, retries included
    const e = (await c.httpDispatch('GET', '/x').catch((x: unknown) => x)) as APIException;
    expect(e).toBeInstanceOf(APIException);
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'circuit_open', value: 999660 }, attempts: 0, service: 'c' });
    expect(served.server.received.length).toBe(before);
    healthy = true;
    await new Promise((r) => setTimeout(r, 220));
    await expect(c.httpDispatch('GET', '/x')).resolves.toEqual({ ok: true });
    expect(c.circuit.state).toBe('closed');
    expect(changes).toEqual(['c:open', 'c:half-open', 'c:closed']);
  });

  test('per-service settings override the global ones (disabled for one service)', async () => {
    await served.start((_req, res) => json(res, 503, {}), { circuitBreaker: { minimumCalls: 2 }, services: { c: { circuitBreaker: { enabled: false } } } });
    for (let i = 0; i < 10; i++)
      await getService('c')
        .httpDispatch('GET', '/x', { retryCount: 0 })
        .catch(() => undefined);
    expect(served.server.received).toHaveLength(10);
  });
});
