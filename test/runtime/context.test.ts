/**
 * The request context: runWithContext/getContext, contextMiddleware() in a plain node:http
 * server, and the property that matters most: concurrent requests never see each other's
 * request id or user, even across awaits, on the way to a downstream service.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APIException, closeAll, configure, contextMiddleware, getContext, getService, type RequestContext, runWithContext } from 'svc-gen/runtime';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CALLER_HEADER,
  callAll,
  delay,
  distinctContexts,
  downstreamByCaller,
  expectedDownstream,
  expectedSeen,
  type RelayResult,
  relay,
} from '../helpers/propagation.js';
import { json, startServer, type TestServer } from '../helpers/server.js';
import { startTcpServer } from '../helpers/tcp.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('runWithContext / getContext', () => {
  test('no context outside runWithContext', () => {
    expect(getContext()).toBeUndefined();
  });

  test('returns what fn returns; the context survives awaits, timers and promise chains', async () => {
    const context: RequestContext = { requestId: 'r-1', user: { id: '1', level: 0, isAuthenticated: true }, traceparent: 'tp', deadline: 123 };
    const seen = await runWithContext(context, async () => {
      const first = getContext();
      await delay(5);
      const afterTimer = getContext();
      const inThen = await Promise.resolve().then(() => getContext());
      const inTimeout = await new Promise((resolve) => setTimeout(() => resolve(getContext()), 1));
      return [first, afterTimer, inThen, inTimeout];
    });
    expect(seen).toEqual([context, context, context, context]);
    expect(getContext()).toBeUndefined();
  });

  test('nested contexts: the inner one wins inside, the outer one is back after', async () => {
    const outer: RequestContext = { requestId: 'outer' };
    const inner: RequestContext = { requestId: 'inner' };
    const seen = await runWithContext(outer, async () => {
      const before = getContext()?.requestId;
      const during = await runWithContext(inner, async () => {
        await delay(1);
        return getContext()?.requestId;
      });
      return [before, during, getContext()?.requestId];
    });
    expect(seen).toEqual(['outer', 'inner', 'outer']);
  });

  test('100 concurrent contexts in one process, each call carries its own', async () => {
    const down = await startServer(async (_req, res) => {
      await delay(Math.floor(Math.random() * 5));
      json(res, 200, { ok: true });
    });
    try {
      configure({ serviceName: 'mid', serviceConnections: ['down'], services: { down: { url: down.url } } });
      const contexts = distinctContexts(100);
      await Promise.all(contexts.map((c) => runWithContext({ requestId: c.requestId, user: c.user, traceparent: c.traceparent }, () => relay(c.caller))));
      expect(down.received).toHaveLength(100);
      expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
    } finally {
      await closeAll();
      await down.close();
    }
  });
});

describe('contextMiddleware() in a node:http server', () => {
  let down: TestServer;
  let mid: TestServer;
  beforeEach(async () => {
    down = await startServer(async (_req, res) => {
      await delay(Math.floor(Math.random() * 5));
      json(res, 200, { ok: true });
    });
    // The intermediate: every request goes through contextMiddleware(), then relays downstream.
    mid = await startServer(async (req: IncomingMessage, res: ServerResponse) => {
      let handled: Promise<RelayResult> | undefined;
      contextMiddleware()(req, res, () => {
        handled = relay(String(req.headers[CALLER_HEADER]));
      });
      if (!handled) throw new Error('contextMiddleware() did not call next()');
      json(res, 200, await handled);
    });
    configure({ serviceName: 'mid', serviceConnections: ['down'], services: { down: { url: down.url } }, serviceTokenKey: 'k' });
  });
  afterEach(async () => {
    await closeAll();
    await mid.close();
    await down.close();
  });

  test('200 concurrent callers: every downstream request carries exactly its own request id, user and trace parent', async () => {
    const contexts = distinctContexts(200);
    const results = await callAll(mid.url, contexts);
    expect(mid.received).toHaveLength(200);
    expect(down.received).toHaveLength(200);
    expect(results).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
    // and every downstream call names the intermediate as its caller
    expect(new Set(down.received.map((r) => r.headers['x-insanic-request-service']))).toEqual(new Set(['mid']));
  });

  test('an incoming request without context headers gets a fresh request id and the anonymous user', async () => {
    const call = async (caller: string) => (await fetch(mid.url, { headers: { [CALLER_HEADER]: caller } })).json() as Promise<RelayResult>;
    const [a, b] = await Promise.all([call('a'), call('b')]);
    const ids = [a.seen?.requestId, b.seen?.requestId];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(a).toEqual({ seen: { requestId: ids[0] }, down: { ok: true } });
    expect(b).toEqual({ seen: { requestId: ids[1] }, down: { ok: true } });
    expect(downstreamByCaller(down.received)).toEqual({
      a: { requestId: ids[0], user: 'id=;level=-1;is_authenticated=0', traceparent: undefined },
      b: { requestId: ids[1], user: 'id=;level=-1;is_authenticated=0', traceparent: undefined },
    });
  });

  test('a malformed user header is ignored: the context has no user, downstream gets the anonymous user', async () => {
    const response = await fetch(mid.url, {
      headers: { [CALLER_HEADER]: 'm', 'x-insanic-request-id': 'rid-m', 'x-insanic-request-user': 'not a user header' },
    });
    expect(await response.json()).toEqual({ seen: { requestId: 'rid-m' }, down: { ok: true } });
    expect(downstreamByCaller(down.received)).toEqual({ m: { requestId: 'rid-m', user: 'id=;level=-1;is_authenticated=0', traceparent: undefined } });
  });

  test('custom header names from settings are read from the incoming request and written downstream', async () => {
    configure({
      serviceName: 'mid',
      serviceConnections: ['down'],
      services: { down: { url: down.url } },
      requestIdHeaderField: 'X-Request-ID',
      internalRequestUserHeader: 'X-End-User',
    });
    const response = await fetch(mid.url, {
      headers: { [CALLER_HEADER]: 'c', 'x-request-id': 'custom-rid', 'x-end-user': 'id=44;level=2;is_authenticated=1', 'x-insanic-request-id': 'ignored' },
    });
    expect(await response.json()).toEqual({ seen: { requestId: 'custom-rid', user: { id: '44', level: 2, isAuthenticated: true } }, down: { ok: true } });
    const headers = down.received[0]?.headers ?? {};
    expect([headers['x-request-id'], headers['x-end-user'], headers['x-insanic-request-id'], headers['x-insanic-request-user']]).toEqual([
      'custom-rid',
      'id=44;level=2;is_authenticated=1',
      undefined,
      undefined,
    ]);
  });
});

describe('deadline', () => {
  test('a deadline already passed: 503 service_timeout, nothing sent', async () => {
    const tcp = await startTcpServer();
    try {
      configure({ serviceConnections: ['raw'], services: { raw: { url: tcp.url } } });
      const error = await runWithContext({ requestId: 'late', deadline: Date.now() - 1 }, () => getService('raw').httpDispatch('GET', '/x')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(APIException);
      expect({ statusCode: (error as APIException).statusCode, errorCode: (error as APIException).errorCode }).toEqual({
        statusCode: 503,
        errorCode: { name: 'service_timeout', value: 999604 },
      });
      await delay(20);
      expect({ connections: tcp.connections, bytes: tcp.bytes }).toEqual({ connections: 0, bytes: 0 });
    } finally {
      await closeAll();
      await tcp.close();
    }
  });

  test('a deadline shorter than the timeout ends the call at the deadline', async () => {
    // Never answers; its handler ends when the caller gives up and the socket closes.
    const slow = await startServer((_req, res) => new Promise<void>((resolve) => res.once('close', resolve)));
    try {
      configure({ serviceConnections: ['slow'], services: { slow: { url: slow.url } }, serviceTimeoutTotal: 5000 });
      const start = Date.now();
      const error = await runWithContext({ deadline: start + 150 }, () => getService('slow').httpDispatch('GET', '/x')).then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = Date.now() - start;
      expect(error).toBeInstanceOf(APIException);
      expect((error as APIException).errorCode).toEqual({ name: 'service_timeout', value: 999604 });
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(1000);
      expect(slow.received).toHaveLength(1);
    } finally {
      await closeAll();
      await slow.close();
    }
  });
});
