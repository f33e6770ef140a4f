/**
 * What the runtime does with the response itself, against a real node:http server: interim 1xx
 * responses are skipped (RFC 9110 §15.2) where undici lets us, 304 is returned not thrown,
 * other 3xx still refuse, headers reach `e.headers` with lower-case names, and `parseJson`
 * parses success and error bodies.
 */

import { configure, getService, type Settings } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { failure } from '../helpers/failure.js';
import { servedService } from '../helpers/served.js';
import { type Handler, json } from '../helpers/server.js';

const served = servedService('inv');

const setup = (handler: Handler, settings: Settings = {}) => served.start(handler, settings);

describe('interim 1xx responses', () => {
  test('103 Early Hints and 102 Processing before the final response are skipped', async () => {
    const service = await setup((_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      res.writeProcessing();
      json(res, 200, { ok: true }, { 'x-final': 'yes' });
    });
    await expect(service.httpDispatch('GET', '/x', { includeStatusCode: true })).resolves.toEqual([{ ok: true }, 200]);
  });

  // undici destroys the socket on any 100 Continue ("bad response"): it does not implement
  // Expect/100-continue and treats an unsolicited 100 as a protocol error. Upstream:
  // https://github.com/nodejs/undici/issues/197 (open, labelled wontfix). The dispatch handler
  // never sees the 100, so the runtime cannot skip it; this test pins that behaviour so a fix
  // upstream shows up here.
  test('an unsolicited 100 Continue fails the call as transport_error (undici, nodejs/undici#197)', async () => {
    const service = await setup((_req, res) => {
      res.writeContinue();
      json(res, 200, { ok: true });
    });
    const e = await failure(service.httpDispatch('GET', '/x', { retryCount: 0 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' } });
    expect(e.description).toBe('UND_ERR_SOCKET: bad response');
  });
});

describe('3xx', () => {
  test('304 Not Modified is returned: [null, 304], with the request reaching the server once', async () => {
    const service = await setup((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      json(res, 200, { v: 1 }, { etag: '"v1"' });
    });
    await expect(service.httpDispatch('GET', '/doc', { headers: { 'if-none-match': '"v1"' }, includeStatusCode: true })).resolves.toEqual([null, 304]);
    await expect(service.httpDispatch('GET', '/doc', { headers: { 'if-none-match': '"v1"' }, propagateError: true })).resolves.toBeNull();
    expect(served.server.received).toHaveLength(2);
  });

  test.each([301, 302, 303, 307, 308])('%i still throws redirect_not_followed, with the Location in e.headers', async (status) => {
    const service = await setup((_req, res) => res.writeHead(status, { location: 'http://elsewhere.example/x' }).end());
    const e = await failure(service.httpDispatch('GET', '/doc'));
    expect(e).toMatchObject({ statusCode: status, errorCode: { name: 'redirect_not_followed' } });
    expect(e.headers.location).toBe('http://elsewhere.example/x');
  });
});

describe('headers on APIException', () => {
  test('lower-case names, repeated headers joined with ", " (one string per name, as fetch does)', async () => {
    const service = await setup((_req, res) => {
      res.setHeader('X-RateLimit-Remaining', '0');
      res.setHeader('Link', ['<http://a/?page=2>; rel="next"', '<http://a/?page=9>; rel="last"']);
      res.setHeader('Retry-After', '120');
      json(res, 429, { message: 'Slow down', description: 'later', error_code: { name: 'throttled', value: 999502 } });
    });
    const e = await failure(service.httpDispatch('GET', '/x', { retryCount: 0 }));
    expect(e.headers).toMatchObject({
      'x-ratelimit-remaining': '0',
      'retry-after': '120',
      link: '<http://a/?page=2>; rel="next", <http://a/?page=9>; rel="last"',
    });
  });

  test('a failure with no response has e.headers = {}', async () => {
    configure({ serviceConnections: ['inv'], services: { inv: { url: 'http://127.0.0.1:1' } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 0 }));
    expect(e.headers).toEqual({});
  });
});

describe('parseJson', () => {
  // A lossless parser for the test: integers beyond 2^53 become BigInt (what json-bigint or
  // lossless-json give); the runtime only has to call it.
  const bigints = (text: string) =>
    JSON.parse(text.replace(/(?<=[:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '"__big:$1"'), (_k, v: unknown) =>
      typeof v === 'string' && v.startsWith('__big:') ? BigInt(v.slice(6)) : v,
    );
  const BODY = '{"id":9007199254740993,"ids":[12345678901234567890],"small":7}';

  test('per service: success bodies keep 64-bit integers exact', async () => {
    const service = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(BODY);
      },
      { services: { inv: { parseJson: bigints } } },
    );
    await expect(service.httpDispatch('GET', '/x')).resolves.toEqual({ id: 9007199254740993n, ids: [12345678901234567890n], small: 7 });
  });

  test('global: error bodies (returned and thrown) go through it too', async () => {
    const service = await setup(
      (_req, res) => {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(BODY);
      },
      { parseJson: bigints },
    );
    await expect(service.httpDispatch('GET', '/x')).resolves.toEqual({ id: 9007199254740993n, ids: [12345678901234567890n], small: 7 });
    const e = await failure(service.httpDispatch('GET', '/x', { propagateError: true }));
    expect(e.body).toEqual({ id: 9007199254740993n, ids: [12345678901234567890n], small: 7 });
  });

  test('without it, JSON.parse loses the digits (the reason for the hook)', async () => {
    const service = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(BODY);
    });
    await expect(service.httpDispatch('GET', '/x')).resolves.toMatchObject({ id: 9007199254740992 });
  });
});
