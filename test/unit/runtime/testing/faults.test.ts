/** A fake's fault queue: taken one per call in order, per operation when asked, faults checked when added. */
import { expect, test } from 'vitest';
import { Faults } from '../../../../runtime/testing/faults.js';
import type { Fault } from '../../../../runtime/testing/types.js';

test('add queues a fault `times` times; take hands them out in order, then nothing', () => {
  const f = new Faults();
  f.add({ status: 503 }, 2, undefined);
  f.add({ reset: true }, 1, undefined);
  expect([f.take('a'), f.take('b'), f.take('a'), f.take('a')]).toEqual([{ status: 503 }, { status: 503 }, { reset: true }, undefined]);
});

test('a fault for one operation is skipped by others, which take the next that applies', () => {
  const f = new Faults();
  f.add({ status: 500 }, 1, 'getUser');
  f.add({ delayMs: 10 }, 1, undefined);
  expect(f.take('listUsers')).toEqual({ delayMs: 10 });
  expect(f.take('listUsers')).toBeUndefined();
  expect(f.take('getUser')).toEqual({ status: 500 });
});

test('sequence: statuses >= 400 fail, lower pass, faults as given', () => {
  const f = new Faults();
  f.sequence([503, 200, 399, 400, { hang: true }]);
  expect([f.take(undefined), f.take(undefined), f.take(undefined), f.take(undefined), f.take(undefined)]).toEqual([
    { status: 503 },
    { pass: true },
    { pass: true },
    { status: 400 },
    { hang: true },
  ]);
});

test('clear empties the queue and resets latency', () => {
  const f = new Faults();
  f.latencyMs = 50;
  f.sequence([500]);
  f.clear();
  expect([f.take(undefined), f.latencyMs]).toEqual([undefined, 0]);
});

test.each([0, -1, 1.5, Number.NaN])('times %s is refused', (times) => {
  expect(() => new Faults().add({ status: 500 }, times, undefined)).toThrow(`svc-gen/testing: times must be a positive integer (got ${times})`);
});

test.each([99, 600, 200.5])('status %s in a sequence is refused', (status) => {
  expect(() => new Faults().sequence([status])).toThrow(`svc-gen/testing: ${status} is not an HTTP status`);
});

test.each([{ status: 700 }, { reset: false }, { hang: 1 }, { delayMs: -1 }, { delayMs: Number.POSITIVE_INFINITY }, {}])('%j is not a fault', (fault) => {
  const f = new Faults();
  expect(() => f.add(fault as Fault, 1, undefined)).toThrow(/svc-gen\/testing: not a fault: .* \(use \{ status \}/);
  expect(() => f.sequence([fault as Fault])).toThrow(/not a fault/);
  expect(f.take(undefined)).toBeUndefined();
});
