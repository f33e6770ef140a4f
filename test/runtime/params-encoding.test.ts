/**
 * Reserved and non-ASCII characters, `allowReserved`, `allowEmptyValue`, JSON `content`
 * parameters, numbers/booleans/0, omitted optionals, cookies merged with the caller's, values no
 * style can carry, and `httpDispatch` endpoints and query styles: exact bytes a real server on
 * 127.0.0.1 receives (`req.url`, `req.rawHeaders`).
 */
import { fileURLToPath } from 'node:url';
import { APIException, closeAll, configure, getService } from 'svc-gen/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup } from '../generator/helpers/fs.js';
import { type Clients, generatedClients, rawHeader } from '../helpers/generated.js';
import { startServer, type TestServer } from '../helpers/server.js';

const ROOT = fileURLToPath(new URL(`./out/params-encoding-${process.pid}/`, import.meta.url));
const SPECIAL = 'a b&c=d+e/f?g#hé€';
const SPECIAL_ENCODED = 'a%20b%26c%3Dd%2Be%2Ff%3Fg%23h%C3%A9%E2%82%AC';

const q = (name: string, extra: object = {}) => ({ name, in: 'query', schema: { type: 'string' }, ...extra });
const DOC = {
  openapi: '3.1.1',
  info: { title: 'enc', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          q('q'),
          q(SPECIAL),
          q('raw', { allowReserved: true }),
          { name: 'n', in: 'query', schema: { type: 'integer' } },
          { name: 'flag', in: 'query', schema: { type: 'boolean' } },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'maybe', in: 'query', allowEmptyValue: true, schema: { type: 'array', items: { type: 'string' } } },
          {
            name: 'filter',
            in: 'query',
            content: {
              'application/json': { schema: { type: 'object', properties: { a: { type: 'string' }, n: { type: 'array', items: { type: 'integer' } } } } },
            },
          },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          { name: 'X-Json', in: 'header', content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
          { name: SPECIAL, in: 'cookie', schema: { type: 'string' } },
          { name: 'prefs', in: 'cookie', content: { 'application/json': { schema: { type: 'object', properties: { dark: { type: 'boolean' } } } } } },
        ],
        responses: { '204': { description: 'ok' } },
      },
    },
    [`/m/{${SPECIAL}}`]: {
      get: {
        operationId: 'matrix',
        parameters: [
          { name: SPECIAL, in: 'path', required: true, style: 'matrix', explode: true, schema: { type: 'object', additionalProperties: { type: 'string' } } },
        ],
        responses: { '204': { description: 'ok' } },
      },
    },
  },
};

let server: TestServer;
let clients: Clients;
const rawHeaders: string[][] = [];

beforeAll(async () => {
  const generated = await generatedClients(ROOT, { enc: DOC });
  expect(generated.warnings).toEqual([]);
  clients = generated.clients;
  server = await startServer((req, res) => {
    rawHeaders.push(req.rawHeaders);
    res.writeHead(204).end();
  });
});
beforeEach(() => {
  server.received.length = 0;
  configure({ serviceName: 'me', serviceConnections: ['enc'], services: { enc: { url: `${server.url}/api` } } });
});
afterAll(async () => {
  await closeAll();
  await server?.close();
  cleanup(ROOT);
});

const getItem = (params: unknown, options?: unknown) => clients.getService('enc').getItem!(params, options);
const lastUrl = () => server.received.at(-1)!.url;
const lastHeader = (name: string) => rawHeader(rawHeaders.at(-1) ?? [], name);
async function refused(call: Promise<unknown>): Promise<APIException> {
  const before = server.received.length;
  const e = (await call.catch((x: unknown) => x)) as APIException;
  expect(e).toBeInstanceOf(APIException);
  expect(server.received.length).toBe(before);
  return e;
}

describe('reserved and non-ASCII characters', () => {
  test.each([
    [' ', '%20'],
    ['&', '%26'],
    ['=', '%3D'],
    ['+', '%2B'],
    ['/', '%2F'],
    ['?', '%3F'],
    ['#', '%23'],
    ['é', '%C3%A9'],
    ['€', '%E2%82%AC'],
    ["!'()*", "!'()*"],
  ])('%j is sent as %s in a path segment, a query value and a cookie value', async (char, encoded) => {
    await getItem({ path: { id: `x${char}y` }, query: { q: `x${char}y` }, cookies: { session: `x${char}y` } });
    expect(lastUrl()).toBe(`/api/items/x${encoded}y?q=x${encoded}y`);
    expect(lastHeader('cookie')).toEqual([`session=x${encoded}y`]);
  });

  test('a query name and a cookie name holding all of them are encoded too', async () => {
    await getItem({ path: { id: '1' }, query: { [SPECIAL]: SPECIAL }, cookies: { [SPECIAL]: SPECIAL } });
    expect(lastUrl()).toBe(`/api/items/1?${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`);
    expect(lastHeader('cookie')).toEqual([`${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`]);
  });

  test('a matrix name, and the keys and values of an exploded map, are encoded', async () => {
    await clients.getService('enc').matrix!({ path: { [SPECIAL]: SPECIAL } });
    await clients.getService('enc').matrix!({ path: { [SPECIAL]: { [SPECIAL]: SPECIAL } } });
    expect(server.received.map((r) => r.url)).toEqual([`/api/m/;${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`, `/api/m/;${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`]);
  });

  test('allowReserved leaves RFC 3986 reserved characters and %XX triples, and encodes what a query cannot hold', async () => {
    await getItem({ path: { id: '1' }, query: { raw: "a/b?c=d:e@f!$'()*,;&g#h+i[j] é%41%" } });
    expect(lastUrl()).toBe("/api/items/1?raw=a/b?c=d:e@f!$'()*,;%26g%23h%2Bi%5Bj%5D%20%C3%A9%41%25");
  });

  test('header values are sent as text; a non-ASCII header value is refused (use content for it)', async () => {
    await getItem({ path: { id: '1' }, headers: { 'X-Trace': 'a b&c=d+e/f?g#h' } });
    expect(lastHeader('x-trace')).toEqual(['a b&c=d+e/f?g#h']);
    const e = await refused(getItem({ path: { id: '1' }, headers: { 'X-Trace': 'é' } }));
    expect(e.errorCode.name).toBe('invalid_usage');
    expect(e.description).toContain('X-Trace');
  });
});

describe('content parameters: JSON, then encoded for their location', () => {
  test('query, header and cookie', async () => {
    await getItem({
      path: { id: '1' },
      query: { filter: { a: 'é x', n: [1, 2] } },
      headers: { 'X-Json': { a: 'é' } },
      cookies: { prefs: { dark: true } },
    });
    expect(lastUrl()).toBe('/api/items/1?filter=%7B%22a%22%3A%22%C3%A9%20x%22%2C%22n%22%3A%5B1%2C2%5D%7D');
    expect(lastHeader('x-json')).toEqual(['{"a":"\\u00e9"}']);
    expect(lastHeader('cookie')).toEqual(['prefs=%7B%22dark%22%3Atrue%7D']);
  });
});

describe('numbers, booleans and omitted optionals', () => {
  test('0, false and integers are sent as their text', async () => {
    await getItem({ path: { id: 0 }, query: { n: 0, flag: false }, headers: { 'X-Trace': 0 }, cookies: { session: false } });
    expect(lastUrl()).toBe('/api/items/0?n=0&flag=false');
    expect(lastHeader('x-trace')).toEqual(['0']);
    expect(lastHeader('cookie')).toEqual(['session=false']);
  });

  test('undefined optionals send nothing: no `?`, no header, no Cookie', async () => {
    await getItem({ path: { id: '1' }, query: { q: undefined, tags: undefined }, headers: { 'X-Trace': undefined }, cookies: { session: undefined } });
    expect(lastUrl()).toBe('/api/items/1');
    expect(lastHeader('x-trace')).toEqual([]);
    expect(lastHeader('cookie')).toEqual([]);
  });

  test('an empty list sends nothing, unless allowEmptyValue asks for `name=`', async () => {
    await getItem({ path: { id: '1' }, query: { tags: [], maybe: [] } });
    expect(lastUrl()).toBe('/api/items/1?maybe=');
  });
});

describe('cookies', () => {
  test("one Cookie header: the caller's own cookies, then the parameters", async () => {
    await getItem({ path: { id: '1' }, cookies: { session: 'abc', prefs: { dark: false } } }, { headers: { Cookie: 'theirs=1' } });
    expect(lastHeader('cookie')).toEqual(['theirs=1; session=abc; prefs=%7B%22dark%22%3Afalse%7D']);
  });

  test("a caller's Cookie alone passes through unchanged", async () => {
    await getItem({ path: { id: '1' } }, { headers: { cookie: 'theirs=1' } });
    expect(lastHeader('cookie')).toEqual(['theirs=1']);
  });
});

describe('values no style can carry never reach the wire', () => {
  test.each([
    ['a nested object in a query array', { query: { tags: [{ a: 1 }] } }],
    ['a nested object in a path value', { path: { id: { a: { b: 1 } } } }],
    ['a nested object in a header value', { headers: { 'X-Trace': { a: { b: 1 } } } }],
    ['an array in a cookie array', { cookies: { session: [['a']] } }],
    ['a lone surrogate', { query: { q: '\ud800' } }],
    ['NaN', { query: { n: Number.NaN } }],
  ])('%s is refused with invalid_usage', async (_name, params) => {
    const e = await refused(getItem({ path: { id: '1' }, ...params }));
    expect(e.errorCode.name).toBe('invalid_usage');
    expect(String(e.description)).not.toContain('[object Object]');
  });
});

describe('httpDispatch endpoints and queries', () => {
  const dispatch = (endpoint: string, options?: object) => getService('enc').httpDispatch('GET', endpoint, options);

  test('non-ASCII in an endpoint is sent as UTF-8 percent-encoding', async () => {
    await dispatch('/cities/zürich/€');
    expect(lastUrl()).toBe('/api/cities/z%C3%BCrich/%E2%82%AC');
  });

  test('an endpoint with its own query is joined to queryParams with &', async () => {
    await dispatch('/search?q=1', { queryParams: { page: 2 } });
    expect(lastUrl()).toBe('/api/search?q=1&page=2');
  });

  test('arrays repeat the key, as Insanic sends them; values and names are encoded', async () => {
    await dispatch('/search', { queryParams: { tag: ['a b', 'é'], [SPECIAL]: 1 } });
    expect(lastUrl()).toBe(`/api/search?tag=a%20b&tag=%C3%A9&${SPECIAL_ENCODED}=1`);
  });

  test('queryStyles gives some names an OpenAPI style', async () => {
    await dispatch('/search', {
      queryParams: { tag: ['a', 'b'], ids: [1, 2], filter: { R: 1 }, other: ['x', 'y'] },
      queryStyles: { tag: { explode: false }, ids: { style: 'pipeDelimited' }, filter: { style: 'deepObject', explode: true } },
    });
    expect(lastUrl()).toBe('/api/search?tag=a,b&ids=1%7C2&filter%5BR%5D=1&other=x&other=y');
  });
});
