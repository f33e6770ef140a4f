/**
 * Context propagation through real frameworks: Express 5 with `app.use(contextMiddleware())`
 * and Fastify 5 with `app.register(fastifyContextPlugin)`. Each intermediate relays ~50
 * concurrent calls, each with its own context, to a downstream node:http server.
 */
import { createServer } from 'node:http';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { closeAll, configure, contextMiddleware, fastifyContextPlugin, getContext } from 'svc-gen/runtime';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Listening, listen } from '../helpers/listen.js';
import {
  CALLER_HEADER,
  type CallerContext,
  callAll,
  delay,
  distinctContexts,
  downstreamByCaller,
  expectedDownstream,
  expectedSeen,
  incomingHeaders,
  type RelayResult,
  relay,
} from '../helpers/propagation.js';
import { json, startServer, type TestServer } from '../helpers/server.js';
import { splitRequest } from '../helpers/tcp.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const N = 50;

let down: TestServer;
beforeEach(async () => {
  down = await startServer(async (_req, res) => {
    await delay(Math.floor(Math.random() * 5));
    json(res, 200, { ok: true });
  });
  configure({ serviceName: 'mid', serviceConnections: ['down'], services: { down: { url: down.url } }, serviceTokenKey: 'k' });
});
afterEach(async () => {
  await closeAll();
  await down.close();
});

/** POST bodies name their caller too, so the test sees the body was parsed in the right request. */
const bodyOf = (c: CallerContext) => JSON.stringify({ caller: c.caller });

/** Ten callers whose bodies arrive 20 ms after their request heads, all at once. */
async function splitPosts(url: string, path: string, contexts: CallerContext[]): Promise<Record<string, RelayResult>> {
  const results = await Promise.all(
    contexts.map(async (c) => {
      const response = await splitRequest(url, {
        method: 'POST',
        path,
        headers: { ...incomingHeaders(c), 'content-type': 'application/json' },
        body: bodyOf(c),
        gapMs: 20,
      });
      expect(response.status).toBe(200);
      return [c.caller, JSON.parse(response.body) as RelayResult] as const;
    }),
  );
  return Object.fromEntries(results);
}

describe('Express 5, app.use(contextMiddleware())', () => {
  let mid: Listening;
  beforeEach(async () => {
    const app = express();
    app.use(contextMiddleware());
    app.use(express.json());
    app.get('/relay', async (req, res) => {
      res.json(await relay(String(req.headers[CALLER_HEADER])));
    });
    app.post('/relay', async (req, res) => {
      if ((req.body as { caller?: string }).caller !== req.headers[CALLER_HEADER]) return void res.status(400).json({ wrongBody: req.body });
      res.json(await relay(String(req.headers[CALLER_HEADER])));
    });
    const router = express.Router();
    router.get('/nested/relay', async (req, res) => {
      res.json(await relay(String(req.headers[CALLER_HEADER])));
    });
    app.use('/api', router);
    mid = await listen(createServer(app));
  });
  afterEach(async () => {
    await mid.close();
  });

  test(`${N} concurrent GETs: each downstream request carries exactly its own context`, async () => {
    const contexts = distinctContexts(N);
    const results = await callAll(`${mid.url}/relay`, contexts);
    expect(results).toEqual(expectedSeen(contexts));
    expect(down.received).toHaveLength(N);
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test(`${N} concurrent POSTs through express.json()`, async () => {
    const contexts = distinctContexts(N);
    const results = await Promise.all(contexts.map((c) => callAll(`${mid.url}/relay`, [c], { method: 'POST', body: bodyOf(c) })));
    expect(Object.assign({}, ...results)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('POSTs whose bodies arrive in a later packet keep their context', async () => {
    const contexts = distinctContexts(10);
    expect(await splitPosts(mid.url, '/relay', contexts)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('routes of a mounted Router see the context too', async () => {
    const contexts = distinctContexts(20);
    expect(await callAll(`${mid.url}/api/nested/relay`, contexts)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('a request without context headers: a fresh request id, the anonymous user downstream', async () => {
    const result = (await (await fetch(`${mid.url}/relay`, { headers: { [CALLER_HEADER]: 'x' } })).json()) as RelayResult;
    const requestId = result.seen?.requestId;
    expect(requestId).toMatch(UUID);
    expect(result).toEqual({ seen: { requestId }, down: { ok: true } });
    expect(downstreamByCaller(down.received)).toEqual({ x: { requestId, user: 'id=;level=-1;is_authenticated=0', traceparent: undefined } });
  });
});

describe('Fastify 5, app.register(fastifyContextPlugin)', () => {
  let app: FastifyInstance;
  let url: string;
  beforeEach(async () => {
    app = Fastify();
    await app.register(fastifyContextPlugin);
    app.get('/relay', async (req) => relay(String(req.headers[CALLER_HEADER])));
    app.post('/relay', async (req, reply) => {
      if ((req.body as { caller?: string }).caller !== req.headers[CALLER_HEADER]) return reply.code(400).send({ wrongBody: req.body });
      return relay(String(req.headers[CALLER_HEADER]));
    });
    // An encapsulated child context: the plugin is skip-override, so its hook reaches here too.
    await app.register(
      async (child) => {
        child.get('/relay', async (req) => relay(String(req.headers[CALLER_HEADER])));
      },
      { prefix: '/child' },
    );
    // A route that only reports what it sees, with no downstream call.
    app.get('/context', async () => ({ context: getContext() ?? null }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
  });

  test(`${N} concurrent GETs: each downstream request carries exactly its own context`, async () => {
    const contexts = distinctContexts(N);
    const results = await callAll(`${url}/relay`, contexts);
    expect(results).toEqual(expectedSeen(contexts));
    expect(down.received).toHaveLength(N);
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test(`${N} concurrent POSTs with JSON bodies`, async () => {
    const contexts = distinctContexts(N);
    const results = await Promise.all(contexts.map((c) => callAll(`${url}/relay`, [c], { method: 'POST', body: bodyOf(c) })));
    expect(Object.assign({}, ...results)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('POSTs whose bodies arrive in a later packet keep their context', async () => {
    const contexts = distinctContexts(10);
    expect(await splitPosts(url, '/relay', contexts)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('routes of an encapsulated child plugin see the context too', async () => {
    const contexts = distinctContexts(20);
    expect(await callAll(`${url}/child/relay`, contexts)).toEqual(expectedSeen(contexts));
    expect(downstreamByCaller(down.received)).toEqual(expectedDownstream(contexts));
  });

  test('a request without context headers: a fresh request id per request, no user', async () => {
    const [a, b] = await Promise.all([fetch(`${url}/context`).then((r) => r.json()), fetch(`${url}/context`).then((r) => r.json())]);
    const ids = [(a as { context: { requestId: string } }).context.requestId, (b as { context: { requestId: string } }).context.requestId];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect([a, b]).toEqual([{ context: { requestId: ids[0] } }, { context: { requestId: ids[1] } }]);
  });
});
