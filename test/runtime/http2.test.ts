/**
 * HTTP/2 over TLS (ALPN h2) against a real node:http2 secure server that speaks only h2:
 * opted in, calls go through the same pipeline (headers, errors, decoding); not opted in, the
 * call fails with a message that says to turn `http2` on.
 */
import { constants, createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeCerts, type TestCerts } from '../helpers/certs.js';
import { failure } from '../helpers/failure.js';

let certs: TestCerts;
beforeAll(() => {
  certs = makeCerts();
});

interface H2Server {
  url: string;
  requests: { version: string; headers: Record<string, unknown> }[];
  close: () => Promise<void>;
}
let server: H2Server | undefined;
afterEach(async () => {
  await closeAll();
  await server?.close();
  server = undefined;
});

async function startH2(): Promise<H2Server> {
  const sessions = new Set<ServerHttp2Session>();
  const requests: H2Server['requests'] = [];
  const h2: Http2SecureServer = createSecureServer({ cert: certs.serverCert, key: certs.serverKey, allowHTTP1: false }, (req, res) => {
    requests.push({ version: req.httpVersion, headers: { ...req.headers } });
    if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'application/json', etag: '"v1"' });
      return res.end(JSON.stringify({ message: 'Nope', description: 'No such thing.', error_code: { name: 'gone', value: 1 } }));
    }
    const body = gzipSync(JSON.stringify({ ok: true, path: req.url }));
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-page': '2' });
    res.end(body);
  });
  h2.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(h2.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        h2.close(() => resolve());
      }),
  };
}

describe('HTTP/2', () => {
  test('http2: true: an h2-only upstream answers through the same pipeline (headers, gzip, JSON)', async () => {
    server = await startH2();
    configure({ serviceName: 'caller', serviceConnections: ['inv'], services: { inv: { url: server.url, http2: true, tls: { ca: certs.ca } } } });
    await expect(getService('inv').httpDispatch('GET', '/items', { queryParams: { a: 1 }, includeStatusCode: true })).resolves.toEqual([
      { ok: true, path: '/items?a=1' },
      200,
    ]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.version).toBe('2.0');
    expect(server.requests[0]!.headers).toMatchObject({
      'x-insanic-request-service': 'caller',
      'accept-encoding': 'gzip, deflate, br',
      [constants.HTTP2_HEADER_METHOD]: 'GET',
    });
  });

  test('http2: true: an error response is the same APIException, with its headers', async () => {
    server = await startH2();
    configure({ serviceConnections: ['inv'], http2: true, tls: { ca: certs.ca }, services: { inv: { url: server.url } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/missing', { propagateError: true }));
    expect(e).toMatchObject({ statusCode: 404, errorCode: { name: 'gone', value: 1 }, description: 'No such thing.' });
    expect(e.headers).toMatchObject({ etag: '"v1"', 'content-type': 'application/json' });
  });

  test('not enabled: the h2-only upstream fails with transport_error saying to set http2, not retried', async () => {
    server = await startH2();
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/items', { retryCount: 2 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' }, attempts: 1 });
    expect(e.description).toContain('set `http2: true` for this service');
    expect(server.requests).toHaveLength(0);
  });
});
