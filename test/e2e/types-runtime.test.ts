/**
 * The run-time twin of types-sound.test.ts: the catalog client calls a real node:http server on
 * 127.0.0.1, and each shape the types promise is the shape that comes back, one test per type-test
 * group: option combinations, `CallOptions` variables, the error guard per status (and the
 * exception's log line), the `result: 'response'` mode, named schema exports, response headers, and
 * an operation whose spec declares no error body.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIException, type CallOptions, closeAll, configure } from 'svc-gen/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from '../generator/helpers/fs.js';
import type { TestServer } from '../helpers/server.js';
import { catalogServer, generateCatalog, PRODUCT } from './types-catalog.js';

type Method = (params?: unknown, options?: CallOptions) => Promise<unknown>;
interface Catalog {
  getService: (name: 'catalog') => Record<'getProduct' | 'createProduct' | 'ping', Method>;
  CatalogService: { isError: (e: unknown, method: string) => boolean };
}

const OUT = fileURLToPath(new URL(`./out/types-runtime-${process.pid}/`, import.meta.url));
const NOT_FOUND = { message: 'No such product', code: 'not_found' };
let server: TestServer;
let client: Catalog;
let warnings: readonly string[];

beforeAll(async () => {
  warnings = await generateCatalog(OUT);
  client = (await import(path.join(OUT, 'clients', 'index.ts'))) as Catalog;
  server = await catalogServer();
});
afterAll(async () => {
  await closeAll();
  await server.close();
  cleanup(OUT);
});
beforeEach(() => {
  configure({
    serviceName: 'e2e',
    serviceConnections: ['catalog'],
    retryBackoffBaseMs: 1,
    retryBackoffMaxMs: 2,
    services: { catalog: { url: server.url, retryCount: 0 } },
  });
});

const catalog = () => client.getService('catalog');
const product = (id: string, options?: CallOptions) => catalog().getProduct({ path: { id } }, options);
async function caught(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('typed calls at run time', () => {
  const flags = { true: true, false: false, absent: undefined } as const;
  const combos = Object.entries(flags).flatMap(([i, includeStatusCode]) =>
    Object.entries(flags).map(([p, propagateError]) => ({ i, p, includeStatusCode, propagateError })),
  );

  it.each(combos)('includeStatusCode $i, propagateError $p: the shapes the types allow', async ({ includeStatusCode, propagateError }) => {
    const options: CallOptions = { ...(includeStatusCode !== undefined && { includeStatusCode }), ...(propagateError !== undefined && { propagateError }) };
    const ok = await product('p1', options);
    expect(ok).toEqual(includeStatusCode ? [PRODUCT, 200] : PRODUCT);
    if (propagateError === false) {
      expect(await product('missing', options)).toEqual(includeStatusCode ? [NOT_FOUND, 404] : NOT_FOUND);
    } else {
      expect(await caught(product('missing', options))).toMatchObject({ statusCode: 404, body: NOT_FOUND });
    }
  });

  it('options built at run time (typed CallOptions) give one of the shapes of the union', async () => {
    const opts = (w: boolean): CallOptions => ({ includeStatusCode: w });
    expect(await product('p1', opts(true))).toEqual([PRODUCT, 200]);
    expect(await product('p1', opts(false))).toEqual(PRODUCT);
    const soft = { propagateError: false };
    expect(await product('missing', soft)).toEqual(NOT_FOUND);
    expect(await product('missing', { result: 'response' } as CallOptions)).toMatchObject({ ok: false, status: 404, error: NOT_FOUND });
  });

  it('isError narrows to the operation that threw, per status; the exception prints as a log line', async () => {
    const missing = await caught(product('missing'));
    expect(client.CatalogService.isError(missing, 'getProduct')).toBe(true);
    expect(client.CatalogService.isError(missing, 'createProduct')).toBe(false);
    expect(missing).toMatchObject({ statusCode: 404, body: NOT_FOUND, service: 'catalog', operation: 'get_product' });
    const gone = await caught(product('old'));
    expect(gone).toMatchObject({ statusCode: 410, body: { goneSince: '2026-01-01' }, headers: { sunset: 'Thu, 01 Jan 2026 00:00:00 GMT' } });
    const teapot = await caught(product('teapot'));
    expect(client.CatalogService.isError(teapot, 'getProduct')).toBe(true);
    expect(teapot).toMatchObject({ statusCode: 418, body: { teapot: true } });
    expect(client.CatalogService.isError(new Error('x'), 'getProduct')).toBe(false);
    expect(client.CatalogService.isError({ service: 'catalog', operation: 'get_product' }, 'getProduct')).toBe(false);

    const line = 'APIException: catalog get_product GET /products/missing -> 404 unknown_error: {"message":"No such product","code":"not_found"} (1 attempt)';
    expect(String(missing)).toBe(line);
    expect((missing as Error).stack?.split('\n')[0]).toBe(line);
    expect((missing as Error).stack?.split('\n')[1]).toMatch(/^\s+at /);
  });

  it('a transport failure is still thrown, and the guard covers it as an undeclared status', async () => {
    const closed = await catalogServer();
    await closed.close();
    configure({ serviceName: 'e2e', serviceConnections: ['catalog'], services: { catalog: { url: closed.url, retryCount: 0 } } });
    const error = await caught(product('p1', { result: 'response' }));
    expect(error).toBeInstanceOf(APIException);
    expect(client.CatalogService.isError(error, 'getProduct')).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, errorCode: { name: 'service_unavailable' }, body: undefined, headers: {} });
    expect(String(error)).toMatch(/^APIException: catalog get_product GET \/products\/p1 -> 503 service_unavailable: ECONNREFUSED.* \(1 attempt\)$/);
  });

  it("result: 'response' never throws on a status: declared, undeclared, 5xx", async () => {
    const ok = await product('p1', { result: 'response' });
    expect(ok).toEqual({ ok: true, status: 200, data: PRODUCT, headers: expect.objectContaining({ etag: '"v1"' }) });
    expect(await product('missing', { result: 'response' })).toEqual({ ok: false, status: 404, error: NOT_FOUND, headers: expect.any(Object) });
    expect(await product('old', { result: 'response' })).toMatchObject({ ok: false, status: 410, error: { goneSince: '2026-01-01' } });
    expect(await product('teapot', { result: 'response' })).toMatchObject({ ok: false, status: 418, error: { teapot: true } });
    expect(await product('boom', { result: 'response', includeStatusCode: true, propagateError: true })).toMatchObject({
      ok: false,
      status: 503,
      error: { title: 'Down' },
    });
    expect(Object.keys(ok as object).sort()).toEqual(['data', 'headers', 'ok', 'status']);
  });

  it('every components.schemas entry gets a safe, unique export name; clashes are reported', async () => {
    expect(warnings.filter((w) => w.includes('components.schemas'))).toEqual([
      'catalog: components.schemas.GetProductParams: the name clashes with a name its client module already uses (GetProductParams); exported as GetProductParams2',
      'catalog: components.schemas.Promise: the name clashes with a name its client module already uses (Promise); exported as Promise2',
    ]);
    const created = await catalog().createProduct({ body: { id: 'p2', name: 'Chair', price: 4500 } });
    expect(created).toEqual({ id: 'p2', name: 'Chair', price: 4500 });
  });

  it('response headers: lower-cased strings, declared and undeclared, in the response and on the exception', async () => {
    const ok = (await product('p1', { result: 'response' })) as { headers: Record<string, string> };
    expect(ok.headers).toMatchObject({ etag: '"v1"', 'x-ratelimit-remaining': '9', 'set-cookie': 'a=1', 'content-type': 'application/json' });
    const created = (await catalog().createProduct({ body: PRODUCT }, { result: 'response' })) as {
      ok: boolean;
      status: number;
      headers: Record<string, string>;
    };
    expect(created).toMatchObject({ ok: true, status: 201, headers: { location: '/products/p2' } });
    const gone = (await caught(product('old'))) as APIException;
    expect(gone.headers.sunset).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
  });

  it('an operation without a declared error body: success body typed, error bodies still returned', async () => {
    expect(await catalog().ping()).toEqual({ pong: true });
    expect(await catalog().ping({ query: { fail: true } }, { propagateError: false })).toBe('nope');
    expect(await catalog().ping({ query: { fail: true } }, { result: 'response' })).toMatchObject({ ok: false, status: 422, error: 'nope' });
    expect(await caught(catalog().ping({ query: { fail: true } }))).toMatchObject({ statusCode: 422, body: 'nope' });
  });
});
