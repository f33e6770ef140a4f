/**
 * TLS per service against real node:https servers on 127.0.0.1, with certificates made at test
 * time by openssl: a private CA, mTLS accepted and refused, a wrong host name, an untrusted CA.
 * Refusals are 503 `transport_error` with the reason, and are not retried.
 */
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeCerts, opensslVersion, type TestCerts } from '../helpers/certs.js';
import { failure } from '../helpers/failure.js';
import { openSockets } from '../helpers/sockets.js';

let certs: TestCerts;
beforeAll(() => {
  expect(opensslVersion()).toMatch(/^OpenSSL \d/);
  certs = makeCerts();
});

interface HttpsServer {
  url: string;
  handshakes: number;
  requests: number;
  peerCerts: string[];
  close: () => Promise<void>;
}
const open: HttpsServer[] = [];
afterEach(async () => {
  await closeAll();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function startHttps(options: ServerOptions): Promise<HttpsServer> {
  const sockets = openSockets();
  const state: HttpsServer = { url: '', handshakes: 0, requests: 0, peerCerts: [], close: async () => {} };
  const server = createHttpsServer(options, (req, res) => {
    state.requests++;
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    if (peer?.subject) state.peerCerts.push(String(peer.subject.CN));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, authorized: (req.socket as TLSSocket).authorized }));
  });
  server.on('secureConnection', () => state.handshakes++);
  server.on('connection', sockets.track);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      sockets.destroyAll();
      server.close(() => resolve());
    });
  open.push(state);
  return state;
}

describe('private CA', () => {
  test('a server signed by the service tls.ca is trusted', async () => {
    const server = await startHttps({ cert: certs.serverCert, key: certs.serverKey });
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca } } } });
    await expect(getService('inv').httpDispatch('GET', '/x')).resolves.toEqual({ ok: true, authorized: false });
  });

  test('the global tls.ca applies to every https service', async () => {
    const server = await startHttps({ cert: certs.serverCert, key: certs.serverKey });
    configure({ serviceConnections: ['inv'], tls: { ca: certs.ca }, services: { inv: { url: server.url } } });
    await expect(getService('inv').httpDispatch('GET', '/x')).resolves.toMatchObject({ ok: true });
  });

  test('without the CA: transport_error naming the certificate failure, one attempt only', async () => {
    const server = await startHttps({ cert: certs.serverCert, key: certs.serverKey });
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.otherCa } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 3 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error', value: 999630 }, attempts: 1, retryable: false });
    expect(e.description).toMatch(/^TLS (UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(server.requests).toBe(0);
  });

  test('wrong host name: transport_error (ERR_TLS_CERT_ALTNAME_INVALID), not retried', async () => {
    const server = await startHttps({ cert: certs.wrongHostCert, key: certs.wrongHostKey });
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 3 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' }, attempts: 1 });
    expect(e.description).toMatch(/^TLS ERR_TLS_CERT_ALTNAME_INVALID: .*127\.0\.0\.1/);
    expect(server.requests).toBe(0);
  });

  test('servername: the certificate is checked against the given name instead of the URL host', async () => {
    const server = await startHttps({ cert: certs.wrongHostCert, key: certs.wrongHostKey });
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca, servername: 'other.example' } } } });
    await expect(getService('inv').httpDispatch('GET', '/x')).resolves.toMatchObject({ ok: true });
  });

  test('tls settings on an http: URL are refused, nothing sent', async () => {
    configure({ serviceConnections: ['inv'], services: { inv: { url: 'http://127.0.0.1:9', tls: { ca: certs.ca } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x'));
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_url' }, attempts: 0 });
    expect(e.description).toContain('is http:, not https:');
  });
});

describe('mTLS', () => {
  const mtls = () => ({ cert: certs.serverCert, key: certs.serverKey, ca: certs.ca, requestCert: true, rejectUnauthorized: true });

  test('a client certificate signed by the CA is accepted, and the server sees it', async () => {
    const server = await startHttps(mtls());
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } } } });
    await expect(getService('inv').httpDispatch('GET', '/x')).resolves.toEqual({ ok: true, authorized: true });
    expect(server.peerCerts).toEqual(['caller-service']);
  });

  test('no client certificate, TLS 1.2 server: the handshake fails, transport_error, not retried', async () => {
    const server = await startHttps({ ...mtls(), maxVersion: 'TLSv1.2' });
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 3 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' }, attempts: 1, retryable: false });
    expect(e.description).toMatch(/^TLS ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE/);
    expect(server.requests).toBe(0);
  });

  // In TLS 1.3 the client finishes its handshake before the server checks the client certificate;
  // the server's alert then reaches undici as "other side closed" (the alert's code is lost), which
  // cannot be told apart from a reset: it is a retryable transport_error, and nothing is served.
  test('no client certificate, TLS 1.3 server: refused, transport_error, no request served', async () => {
    const server = await startHttps(mtls());
    configure({ serviceConnections: ['inv'], services: { inv: { url: server.url, tls: { ca: certs.ca } } } });
    const e = await failure(getService('inv').httpDispatch('GET', '/x', { retryCount: 1 }));
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' } });
    expect(e.description).toMatch(/^UND_ERR_SOCKET: other side closed/);
    expect(server.requests).toBe(0);
  });
});
