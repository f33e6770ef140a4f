/** An endpoint set of literal origins: one endpoint each, in order, reported on an explicit clock. No request is sent. */
import { afterEach, expect, test } from 'vitest';
import { Endpoint, EndpointSet } from '../../../../runtime/endpoints/endpoint-set.js';
import { Transport } from '../../../../runtime/transport.js';

const outlier = { ejectAfterFailures: 2, ejectMs: 100 };
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

test('fromOrigins has one idle, non-ejected endpoint per origin, in the given order', () => {
  const set = EndpointSet.fromOrigins(['http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:3'], 4, {}, outlier);
  opened.push(set);
  expect(set.status(0)).toEqual([
    { endpoint: 'http://127.0.0.1:1', pending: 0, ejected: false },
    { endpoint: 'http://127.0.0.1:2', pending: 0, ejected: false },
    { endpoint: 'http://127.0.0.1:3', pending: 0, ejected: false },
  ]);
  expect([set.connections, set.outlier]).toEqual([4, outlier]);
});

test('an Endpoint is available until its outlier ejects it, and again after ejectMs', () => {
  const transport = new Transport('http://127.0.0.1:1', 1);
  opened.push(transport);
  const e = new Endpoint('http://127.0.0.1:1', transport, outlier);
  e.outlier.record(true, 1000);
  expect(e.available(1000)).toBe(true);
  e.outlier.record(true, 1000);
  expect([e.available(1000), e.available(1099), e.available(1100)]).toEqual([false, false, true]);
  expect(e.transport).toBe(transport);
});

test('close resolves once every endpoint transport is closed', async () => {
  const set = EndpointSet.fromOrigins(['http://127.0.0.1:1', 'http://127.0.0.1:2'], 1, {}, outlier);
  await expect(set.close()).resolves.toBeUndefined();
});
