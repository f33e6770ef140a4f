/**
 * Several endpoints behind one service, against real servers on 127.0.0.1 (and 127.0.0.2):
 * calls spread, a killed server is ejected, it rejoins after the cool-down, and a host name
 * resolving to two addresses (through the `lookup` option, no /etc/hosts) is spread and re-resolved.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIException, closeAll, configure, getService, type ResolvedAddress, type Settings } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { resolveSettings } from '../../runtime/settings.js';
import { json } from '../helpers/server.js';
import { openSockets } from '../helpers/sockets.js';

interface Backend {
  name: string;
  url: string;
  port: number;
  hosts: string[];
  hits: number;
  close: () => Promise<void>;
}

const backends: Backend[] = [];
afterEach(async () => {
  await closeAll();
  for (const b of backends.splice(0)) await b.close();
});

/** A server answering `{ name }`, on `host` and `port` (0: any), that counts requests and Host headers. */
async function backend(name: string, host = '127.0.0.1', port = 0): Promise<Backend> {
  const sockets = openSockets();
  const b = { name, hits: 0, hosts: [] as string[] } as Backend;
  const server: Server = createServer((req, res) => {
    b.hits++;
    b.hosts.push(req.headers.host ?? '');
    json(res, 200, { name });
  });
  server.on('connection', sockets.track);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  b.port = (server.address() as AddressInfo).port;
  b.url = `http://${host}:${b.port}`;
  let closed = false;
  b.close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    sockets.destroyAll();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  backends.push(b);
  return b;
}

function setup(urls: string[], settings: Settings = {}) {
  configure({ serviceConnections: ['inv'], retryBackoffBaseMs: 1, retryBackoffMaxMs: 2, ...settings, services: { inv: { urls, ...settings.services?.inv } } });
  return getService('inv');
}

/** `n` calls, `concurrency` at a time; returns the outcome of each in order. */
async function calls(n: number, concurrency: number, call: () => Promise<unknown>): Promise<(unknown | APIException)[]> {
  const out: unknown[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await call().catch((e: unknown) => e);
      }
    }),
  );
  return out;
}

describe('three servers behind one service', () => {
  test('calls spread across all three (power of two choices)', async () => {
    const three = [await backend('a'), await backend('b'), await backend('c')];
    const service = setup(three.map((b) => b.url));
    const outcomes = await calls(300, 10, () => service.httpDispatch('GET', '/x'));
    expect(outcomes.filter((o) => o instanceof APIException)).toEqual([]);
    expect(three.reduce((sum, b) => sum + b.hits, 0)).toBe(300);
    for (const b of three) expect(b.hits).toBeGreaterThan(50); // an even spread gives 100 each
    expect(service.endpoints().map((e) => e.endpoint)).toEqual(three.map((b) => b.url));
  });

  test('one killed: ejected after its first failures, and no call fails after them', async () => {
    const three = [await backend('a'), await backend('b'), await backend('c')];
    const service = setup(
      three.map((b) => b.url),
      { endpoints: { ejectAfterFailures: 3, ejectMs: 60_000 } },
    );
    await three[1]!.close();
    // retryCount 0, so every attempt that reaches the dead address is a failed call.
    const outcomes = await calls(200, 1, () => service.httpDispatch('GET', '/x', { retryCount: 0 }));
    const failed = outcomes.flatMap((o, i) => (o instanceof APIException ? [i] : []));
    expect(failed).toHaveLength(3); // exactly ejectAfterFailures, then never again
    expect(outcomes.slice(failed.at(-1)! + 1).every((o) => !(o instanceof APIException))).toBe(true);
    expect(outcomes[failed[0]!]).toMatchObject({ errorCode: { name: 'service_unavailable' } });
    expect(service.endpoints().map((e) => e.ejected)).toEqual([false, true, false]);
  });

  test('one killed, with the default retries: not a single call fails', async () => {
    const three = [await backend('a'), await backend('b'), await backend('c')];
    const service = setup(three.map((b) => b.url));
    await three[2]!.close();
    const outcomes = await calls(200, 5, () => service.httpDispatch('GET', '/x'));
    expect(outcomes.filter((o) => o instanceof APIException)).toEqual([]);
    expect(service.endpoints()[2]!.ejected).toBe(true);
  });

  test('it comes back: it rejoins after the cool-down', async () => {
    const three = [await backend('a'), await backend('b'), await backend('c')];
    const service = setup(
      three.map((b) => b.url),
      { endpoints: { ejectAfterFailures: 2, ejectMs: 1000 } },
    );
    const port = three[0]!.port;
    await three[0]!.close();
    for (let i = 0; i < 100 && !service.endpoints()[0]!.ejected; i++) await service.httpDispatch('GET', '/x', { retryCount: 0 }).catch(() => undefined);
    const ejectedAt = Date.now();
    expect(service.endpoints()[0]!.ejected).toBe(true);
    const back = await backend('a again', '127.0.0.1', port);
    // Still ejected: nothing reaches it during the cool-down.
    await calls(20, 2, () => service.httpDispatch('GET', '/x'));
    expect(Date.now() - ejectedAt).toBeLessThan(1000); // (else this check proved nothing)
    expect(back.hits).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() - ejectedAt)));
    const outcomes = await calls(60, 3, () => service.httpDispatch('GET', '/x', { retryCount: 0 }));
    expect(outcomes.filter((o) => o instanceof APIException)).toEqual([]);
    expect(back.hits).toBeGreaterThan(5);
    expect(service.endpoints()[0]!.ejected).toBe(false);
  });

  test('an endpoint that keeps answering 503 is ejected too', async () => {
    const good = await backend('good');
    const server503 = createServer((_req, res) => json(res, 503, {}));
    await new Promise<void>((resolve) => server503.listen(0, '127.0.0.1', resolve));
    const url503 = `http://127.0.0.1:${(server503.address() as AddressInfo).port}`;
    try {
      const service = setup([good.url, url503], { endpoints: { ejectAfterFailures: 2, ejectMs: 60_000 } });
      const outcomes = await calls(50, 1, () => service.httpDispatch('GET', '/x', { retryCount: 0 }));
      expect(outcomes.filter((o) => o instanceof APIException)).toHaveLength(2);
      expect(service.endpoints().map((e) => e.ejected)).toEqual([false, true]);
    } finally {
      await closeAll();
      server503.closeAllConnections();
      await new Promise((resolve) => server503.close(resolve));
    }
  });
});

describe('a host name resolving to two loopback addresses', () => {
  test('calls spread over both, Host keeps the name, and a new answer after the TTL is followed', async () => {
    const one = await backend('one', '127.0.0.1');
    const two = await backend('two', '127.0.0.2', one.port);
    let answer: ResolvedAddress[] = [
      { address: '127.0.0.1', family: 4 },
      { address: '127.0.0.2', family: 4 },
    ];
    const asked: string[] = [];
    const lookup = async (hostname: string) => {
      asked.push(hostname);
      return answer;
    };
    const url = `http://orders.internal:${one.port}`;
    configure({ serviceConnections: ['orders'], services: { orders: { url, endpoints: { resolveDns: true, dnsTtlMs: 200, lookup } } } });
    const service = getService('orders');
    await service.httpDispatch('GET', '/x');
    expect(asked).toEqual(['orders.internal']); // the first call waited for the answer
    const outcomes = await calls(100, 5, () => service.httpDispatch('GET', '/x'));
    expect(outcomes.filter((o) => o instanceof APIException)).toEqual([]);
    expect(one.hits).toBeGreaterThan(15);
    expect(two.hits).toBeGreaterThan(15);
    expect(new Set([...one.hosts, ...two.hosts])).toEqual(new Set([`orders.internal:${one.port}`]));
    expect(asked.length).toBeLessThan(10); // once per TTL (200 ms), not once per call

    answer = [{ address: '127.0.0.2', family: 4 }];
    const lookups = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await service.httpDispatch('GET', '/x'); // past the TTL: starts the refresh, served by the old answer
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = one.hits;
    await calls(30, 3, () => service.httpDispatch('GET', '/x'));
    expect(one.hits).toBe(before); // 127.0.0.1 left the answer: nothing more goes there
    expect(service.endpoints().map((e) => e.endpoint)).toEqual(['127.0.0.2']);
    expect(asked.length).toBeGreaterThan(lookups);
  });

  test('a name that does not resolve: 503 service_unavailable, nothing sent', async () => {
    const lookup = async (): Promise<ResolvedAddress[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.internal'), { code: 'ENOTFOUND' });
    };
    configure({ serviceConnections: ['nowhere'], services: { nowhere: { url: 'http://nowhere.internal:8000', endpoints: { resolveDns: true, lookup } } } });
    const e = await getService('nowhere')
      .httpDispatch('GET', '/x', { retryCount: 0 })
      .catch((error: unknown) => error);
    expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'service_unavailable', value: 999603 }, attempts: 0 });
    expect((e as APIException).description).toContain('Resolving nowhere.internal failed');
  });
});

describe('configuration', () => {
  test('a single URL keeps the direct path: no endpoint list', async () => {
    const a = await backend('a');
    configure({ serviceConnections: ['inv'], services: { inv: { url: a.url } } });
    await expect(getService('inv').httpDispatch('GET', '/x')).resolves.toEqual({ name: 'a' });
    expect(getService('inv').endpoints()).toEqual([]);
  });

  test('urls with different path prefixes: invalid_url naming the service and URL, nothing sent', async () => {
    const a = await backend('a');
    const service = setup([`${a.url}/api`, `${a.url}/v2`]);
    const e = await service.httpDispatch('GET', '/x').catch((error: unknown) => error);
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_url' } });
    expect((e as APIException).description).toBe(
      `services.inv.urls: ${a.url}/v2 differs from ${a.url}/api in scheme or path prefix; every URL of a service must share them.`,
    );
    expect(a.hits).toBe(0);
  });

  test('SVC_GEN_<NAME>_URL beats a configured list', () => {
    const resolved = resolveSettings(
      { serviceConnections: ['inv'], services: { inv: { urls: ['http://10.0.0.1:1', 'http://10.0.0.2:1'] } } },
      { SVC_GEN_INV_URL: 'http://127.0.0.1:9' },
    );
    expect(resolved.services.inv).toEqual({ url: 'http://127.0.0.1:9' });
  });
});

describe('the per-address breaker and the balancer, with an injected clock', () => {
  test('ejected after N consecutive failures; a success in between resets the count', async () => {
    const { Outlier } = await import('../../runtime/endpoints/outlier.js');
    const o = new Outlier({ ejectAfterFailures: 3, ejectMs: 100 });
    o.record(true, 0);
    o.record(true, 1);
    o.record(false, 2);
    o.record(true, 3);
    o.record(true, 4);
    expect(o.available(5)).toBe(true);
    o.record(true, 5);
    expect([o.available(6), o.available(104), o.available(105)]).toEqual([false, false, true]);
  });

  test('on probation one failure ejects again, for twice as long; a success clears it', async () => {
    const { Outlier } = await import('../../runtime/endpoints/outlier.js');
    const o = new Outlier({ ejectAfterFailures: 2, ejectMs: 100 });
    o.record(true, 0);
    o.record(true, 0); // ejected until 100
    o.record(true, 100); // probation: ejected until 300
    expect([o.available(299), o.available(300)]).toEqual([false, true]);
    o.record(true, 300); // until 700
    expect([o.available(699), o.available(700)]).toEqual([false, true]);
    o.record(false, 700); // cleared
    o.record(true, 701);
    expect(o.available(702)).toBe(true); // one failure is not enough any more
  });

  test('power of two choices: the less loaded of the two, never the avoided one, all when all are ejected', async () => {
    const { pick } = await import('../../runtime/endpoints/balancer.js');
    const e = (pending: number, up = true) => ({ pending, available: () => up });
    const [a, b, c] = [e(5), e(1), e(9)];
    expect(pick([a, b, c], 0, undefined, () => 0)).toBe(b); // draws a and b: b has fewer in flight
    expect(pick([a, b, c], 0, b, () => 0)).toBe(a); // b avoided: draws a and c
    const down = [e(0, false), e(0, false)];
    expect(down).toContain(pick(down, 0));
  });
});
