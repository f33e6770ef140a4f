/**
 * The README's error table, walked row by row against real servers: the table is read from
 * README.md, every row must have a scenario here (and every scenario a row), and each scenario's
 * failures must carry exactly the row's statusCode and errorCode { name, value }.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { APIException, closeAll, configure, GlobalErrorCodes, getService, ResponseTimeoutError, type Settings } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { makeCerts } from '../helpers/certs.js';
import { type Handler, json, startServer, type TestServer } from '../helpers/server.js';
import { startGreetingServer } from '../helpers/tcp.js';

interface Row {
  failure: string;
  /** A number, or 'the status' (the HTTP status answered). */
  statusCode: string;
  errorCode: string;
}

/** The rows of the table under "### Errors" in README.md, as written. */
function readTable(): Row[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors'));
  const lines = section.slice(section.indexOf('| failure | statusCode | errorCode |')).split('\n');
  const rows: Row[] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    const [failure, statusCode, errorCode] = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    rows.push({ failure: failure!, statusCode: statusCode!, errorCode: errorCode! });
  }
  return rows;
}

/** A failure a scenario produced, and the HTTP status the server answered (for 'the status' rows). */
interface Outcome {
  error: unknown;
  answered?: number;
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  await closeAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Handler, settings: Settings = {}) {
  const server: TestServer = await startServer(handler);
  cleanups.push(server.close);
  configure({
    serviceConnections: ['svc'],
    retryBackoffBaseMs: 1,
    retryBackoffMaxMs: 2,
    ...settings,
    services: { svc: { url: server.url, ...settings.services?.svc } },
  });
  return { server, service: getService('svc') };
}

const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => new Error('the call succeeded'),
    (e: unknown) => e,
  );
const hang: Handler = () => new Promise(() => undefined);

/** One scenario per row, keyed by the row's failure text; each returns every failure it provoked. */
const scenarios: Record<string, () => Promise<Outcome[]>> = {
  'HTTP >= 400 (thrown)': async () => {
    const insanic = { message: 'User not found', description: 'No user 7.', error_code: { name: 'user_not_found', value: 1404 } };
    const bodies: [number, string, string][] = [
      [404, 'application/json', JSON.stringify(insanic)],
      [409, 'application/problem+json', JSON.stringify({ title: 'Out of stock', detail: 'Item 3.' })],
      [400, 'text/plain', 'x'.repeat(3000)],
      [500, 'text/plain', 'boom'],
    ];
    const { service } = await serve((req, res) => {
      const [status, type, body] = bodies[Number(req.url!.slice(1))]!;
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
    const out: Outcome[] = [];
    for (const [i, [status]] of bodies.entries())
      out.push({ error: await failureOf(service.httpDispatch('GET', `/${i}`, { propagateError: true, retryCount: 0 })), answered: status });
    // The column's three sources: Insanic's own code; unknown_error with title/detail; unknown_error with the text.
    expect(out[0]!.error).toMatchObject({ errorCode: insanic.error_code, message: 'User not found', description: 'No user 7.' });
    expect(out[1]!.error).toMatchObject({ errorCode: { name: 'unknown_error' }, message: 'Out of stock', description: 'Item 3.' });
    expect(out[2]!.error).toMatchObject({ errorCode: { name: 'unknown_error' }, description: 'x'.repeat(1024) });
    return out.slice(1); // the generic check below: unknown_error where the body brings no code
  },

  '3xx': async () => {
    const { service } = await serve((_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.2:1/elsewhere' });
      res.end();
    });
    return [{ error: await failureOf(service.httpDispatch('GET', '/r')), answered: 307 }];
  },

  'refused / reset / DNS': async () => {
    const refused = await serve(() => undefined);
    await refused.server.close();
    const a = await failureOf(refused.service.httpDispatch('GET', '/x', { retryCount: 0 }));
    const reset = await serve((req) => void req.socket.resetAndDestroy());
    const b = await failureOf(reset.service.httpDispatch('GET', '/x', { retryCount: 0 }));
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND svc.internal'), { code: 'ENOTFOUND' });
    };
    configure({ serviceConnections: ['svc'], services: { svc: { url: 'http://svc.internal:8000', endpoints: { resolveDns: true, lookup } } } });
    const c = await failureOf(getService('svc').httpDispatch('GET', '/x', { retryCount: 0 }));
    return [{ error: a }, { error: b }, { error: c }];
  },

  'circuit open (nothing sent)': async () => {
    const { server, service } = await serve((_req, res) => json(res, 500, {}), { circuitBreaker: { minimumCalls: 1, failureRatio: 0.01 } });
    await failureOf(service.httpDispatch('GET', '/x', { retryCount: 0 }));
    const error = await failureOf(service.httpDispatch('GET', '/x', { retryCount: 0 }));
    expect(server.received).toHaveLength(1);
    return [{ error }];
  },

  'other transport failure': async () => {
    const tcp = await startGreetingServer('SSH-2.0-OpenSSH_9.6\r\n\r\n');
    cleanups.push(tcp.close);
    configure({ serviceConnections: ['svc'], services: { svc: { url: tcp.url } } });
    return [{ error: await failureOf(getService('svc').httpDispatch('GET', '/x', { retryCount: 0 })) }];
  },

  "timeout (the call's, or the last attempt's `attemptTimeout`)": async () => {
    const { service } = await serve(hang);
    const call = await failureOf(service.httpDispatch('GET', '/x', { responseTimeout: 50 }));
    const lastAttempt = await failureOf(service.httpDispatch('GET', '/x', { attemptTimeout: 50, retryCount: 1, responseTimeout: 5000 }));
    expect(call).toBeInstanceOf(ResponseTimeoutError);
    expect(lastAttempt).toBeInstanceOf(ResponseTimeoutError);
    expect(lastAttempt).toMatchObject({ attempts: 2 });
    return [{ error: call }, { error: lastAttempt }];
  },

  'caller abort': async () => {
    const { service } = await serve(hang);
    return [{ error: await failureOf(service.httpDispatch('GET', '/x', { signal: AbortSignal.timeout(30) })) }];
  },

  'bad method or header: CR/LF/NUL, hop-by-hop, outside Latin-1, refused by undici (nothing sent, never retried or counted)': async () => {
    const { server, service } = await serve((_req, res) => json(res, 200, {}));
    const out = [
      await failureOf(service.httpDispatch('GETS', '/x')),
      await failureOf(service.httpDispatch('GET', '/x', { headers: { 'x-a': 'a\r\nx-b: 1' } })),
      await failureOf(service.httpDispatch('GET', '/x', { headers: { expect: '100-continue' } })),
      await failureOf(service.httpDispatch('GET', '/x', { headers: { 'x-a': '5€' } })),
      await failureOf(service.httpDispatch('PUT', '/x', { payload: {}, headers: { 'content-length': '9' } })),
    ];
    expect(server.received).toHaveLength(0);
    expect(service.retryBudget.tokens).toBe(10);
    return out.map((error) => ({ error }));
  },

  'malformed URL or endpoint': async () => {
    const { server, service } = await serve((_req, res) => json(res, 200, {}));
    const endpoint = await failureOf(service.httpDispatch('GET', '//127.0.0.2/x'));
    expect(server.received).toHaveLength(0);
    configure({ serviceConnections: ['svc'], services: { svc: { url: 'http://[::1' } } });
    const base = await failureOf(getService('svc').httpDispatch('GET', '/x'));
    return [{ error: endpoint }, { error: base }];
  },

  '2xx body claims JSON, does not parse; unknown or corrupt `content-encoding`': async () => {
    const { service } = await serve((req, res) => {
      if (req.url === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"broken":');
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': req.url === '/unknown' ? 'zstd-x' : 'gzip' });
        res.end('not gzip at all');
      }
    });
    return Promise.all(
      ['/json', '/unknown', '/corrupt'].map(async (path) => ({ error: await failureOf(service.httpDispatch('GET', path, { retryCount: 0 })) })),
    );
  },

  'body over `maxResponseBytes` (not retried)': async () => {
    const { server, service } = await serve((_req, res) => json(res, 200, { data: 'x'.repeat(5000) }), { maxResponseBytes: 1024 });
    const error = await failureOf(service.httpDispatch('GET', '/big', { retryCount: 3 }));
    expect(server.received).toHaveLength(1);
    return [{ error }];
  },

  'TLS certificate, host name or ALPN refusal (not retried)': async () => {
    const certs = makeCerts();
    const https = createHttpsServer({ cert: certs.wrongHostCert, key: certs.wrongHostKey }, (_req, res) => json(res, 200, {}));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      https.closeAllConnections();
      return new Promise((resolve) => https.close(resolve));
    });
    configure({ serviceConnections: ['svc'], services: { svc: { url: `https://127.0.0.1:${(https.address() as AddressInfo).port}`, tls: { ca: certs.ca } } } });
    const wrongHost = await failureOf(getService('svc').httpDispatch('GET', '/x', { retryCount: 3 }));
    configure({
      serviceConnections: ['svc'],
      services: { svc: { url: `https://127.0.0.1:${(https.address() as AddressInfo).port}`, tls: { ca: certs.otherCa, servername: 'other.example' } } },
    });
    const untrusted = await failureOf(getService('svc').httpDispatch('GET', '/x', { retryCount: 3 }));
    expect(wrongHost).toMatchObject({ attempts: 1 });
    expect((wrongHost as APIException).description).toMatch(/^TLS /);
    return [{ error: wrongHost }, { error: untrusted }];
  },
};

const table = readTable();

test('every row of the table has a scenario, and every scenario a row', () => {
  expect(table.length).toBeGreaterThan(5);
  expect(table.map((r) => r.failure).sort()).toEqual(Object.keys(scenarios).sort());
});

describe('README error table', () => {
  test.each(table)('$failure → $statusCode $errorCode', async (row) => {
    const scenario = scenarios[row.failure];
    expect(scenario, `no scenario for the row "${row.failure}"`).toBeDefined();
    const name = /`([a-z_]+)`(?: (\d{6}))?/.exec(row.errorCode.replace(/^from an Insanic body .*?; RFC 9457 [^;]*with /, ''));
    expect(name, `no error code in "${row.errorCode}"`).not.toBeNull();
    const want = { name: name![1]!, value: Number(name![2] ?? GlobalErrorCodes[name![1] as keyof typeof GlobalErrorCodes]) };
    expect(GlobalErrorCodes[want.name as keyof typeof GlobalErrorCodes]).toBe(want.value); // the table's number is the real one
    const outcomes = await scenario!();
    expect(outcomes.length).toBeGreaterThan(0);
    for (const { error, answered } of outcomes) {
      expect(error).toBeInstanceOf(APIException);
      const e = error as APIException;
      const status = row.statusCode === 'the status' ? answered : Number(row.statusCode);
      expect({ statusCode: e.statusCode, errorCode: e.errorCode }).toEqual({ statusCode: status, errorCode: want });
    }
  });
});
