/**
 * The host comes from the registry only: path parameters are percent-encoded, `.`/`..`/empty are
 * refused before any I/O, query names and values round-trip, and redirects are never followed.
 */

import { APIException, getService } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const op = { operationId: 'getFile', method: 'GET', path: '/files/{name}/raw' } as const;
const served = servedService('files', { serviceTokenKey: 'secret', serviceName: 'me' });
let other: TestServer | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
});

const setup = () => served.start((_req, res) => json(res, 200, { ok: true }), {}, '/api');

describe('path parameters', () => {
  test.each([
    ['a/b', '/api/files/a%2Fb/raw'],
    ['q?x=1', '/api/files/q%3Fx%3D1/raw'],
    ['frag#x', '/api/files/frag%23x/raw'],
    ['100%', '/api/files/100%25/raw'],
    ['../../admin', '/api/files/..%2F..%2Fadmin/raw'],
    ['http://127.0.0.2/x', '/api/files/http%3A%2F%2F127.0.0.2%2Fx/raw'],
    ['//127.0.0.2', '/api/files/%2F%2F127.0.0.2/raw'],
    ['ünï çødé', '/api/files/%C3%BCn%C3%AF%20%C3%A7%C3%B8d%C3%A9/raw'],
    [42, '/api/files/42/raw'],
  ])('%j is sent as %s, to the registry host', async (name, path) => {
    const service = await setup();
    await service.call(op, { path: { name } }, {});
    expect(served.server.received.map((r) => [r.url, r.headers.host])).toEqual([[path, `127.0.0.1:${served.server.port}`]]);
  });

  test.each([[''], ['.'], ['..']])('%j is refused before any I/O', async (name) => {
    const service = await setup();
    const e = (await service.call(op, { path: { name } }, {}).catch((x: unknown) => x)) as APIException;
    expect(e).toBeInstanceOf(APIException);
    expect(e).toMatchObject({ statusCode: 500, errorCode: { name: 'invalid_usage' }, attempts: 0, service: 'files' });
    expect(served.server.received).toHaveLength(0);
  });

  test.each([['__proto__'], ['constructor'], ['toString']])('a parameter named %s reads only its own value', async (name) => {
    const service = await setup();
    const params = JSON.parse(`{"${name}": "v/1"}`) as Record<string, string>; // an own property, even for __proto__
    await service.call({ ...op, path: `/p/{${name}}` }, { path: params }, {});
    expect(served.server.received[0]!.url).toBe('/api/p/v%2F1');
    const e = (await service.call({ ...op, path: `/p/{${name}}` }, { path: {} }, {}).catch((x: unknown) => x)) as APIException;
    expect(e.description).toBe(`Path parameter "${name}" is missing.`);
  });

  test('a missing path parameter is refused', async () => {
    const service = await setup();
    await expect(service.call(op, {}, {})).rejects.toMatchObject({ errorCode: { name: 'invalid_usage' }, description: 'Path parameter "name" is missing.' });
  });
});

describe('query', () => {
  test('names and values round-trip exactly, including reserved and non-ASCII characters', async () => {
    const service = await setup();
    const query = { 'a b&c=d': 'x&y=z#f', plus: '1+1', pct: '%41', arr: ['1', '2'], deep: { k: 'v' } };
    await service.call({ ...op, path: '/search' }, { query }, {});
    const got = [...new URL(served.server.received[0]!.url, 'http://h').searchParams];
    expect(got).toEqual([
      ['a b&c=d', 'x&y=z#f'],
      ['plus', '1+1'],
      ['pct', '%41'],
      ['arr', '1'],
      ['arr', '2'],
      ['deep[k]', 'v'],
    ]);
  });
});

describe('redirects are never followed', () => {
  test('a 3xx to another loopback host: APIException, and that host receives nothing', async () => {
    other = await startServer((_req, res) => json(res, 200, { stolen: true }), '127.0.0.2');
    await served.start((_req, res) => {
      res.writeHead(307, { location: `${other!.url}/collect` });
      res.end();
    });
    const e = (await getService('files')
      .httpDispatch('GET', '/x', { propagateError: true })
      .catch((x: unknown) => x)) as APIException;
    expect(e).toBeInstanceOf(APIException);
    expect(e).toMatchObject({ statusCode: 307, errorCode: { name: 'redirect_not_followed', value: 999650 }, attempts: 1 });
    expect(e.description).toContain(`${other.url}/collect`);
    expect(served.server.received[0]!.headers.authorization).toMatch(/^MSA /); // the identity went to the registry host only
    expect(other.received).toHaveLength(0);
  });
});
