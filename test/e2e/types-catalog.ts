/**
 * The `catalog` service of the typed-result tests: a spec with per-status error bodies, declared
 * response headers, an operation without any error response, and schema names that are unsafe or
 * clash; plus a real node:http server on 127.0.0.1 that answers every status the types talk about.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { generate } from '../../generator/index.js';
import { startServer, type TestServer } from '../helpers/server.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** OpenAPI 3.1 document of the catalog service. */
export const CATALOG_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Catalog', version: '1.0.0', 'x-service-name': 'catalog' },
  paths: {
    '/products/{id}': {
      get: {
        operationId: 'get_product',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The product.',
            headers: {
              ETag: { required: true, schema: { type: 'string' } },
              'X-RateLimit-Remaining': { schema: { type: 'integer' } },
              'Content-Type': { schema: { type: 'string' } },
            },
            ...json(ref('Product')),
          },
          '404': { description: 'No such product.', ...json(ref('NotFound')) },
          '410': { description: 'Withdrawn.', headers: { Sunset: { required: true, schema: { type: 'string' } } }, ...json(ref('Gone')) },
          default: { description: 'Anything else.', ...json(ref('Problem')) },
        },
      },
    },
    '/products': {
      post: {
        operationId: 'create_product',
        requestBody: { required: true, ...json(ref('Product')) },
        responses: {
          '201': { description: 'Created.', headers: { Location: { required: true, schema: { type: 'string' } } }, ...json(ref('Product')) },
          '409': { description: 'Taken.', ...json(ref('Error')) },
        },
      },
      get: {
        operationId: 'list_products',
        responses: { '200': { description: 'All.', ...json(ref('product-list')) } },
      },
    },
    '/ping': {
      get: {
        operationId: 'ping',
        parameters: [{ name: 'fail', in: 'query', schema: { type: 'boolean' } }],
        responses: { '200': { description: 'Alive.', ...json({ type: 'object', required: ['pong'], properties: { pong: { type: 'boolean' } } }) } },
      },
    },
  },
  components: {
    schemas: {
      Product: {
        description: 'A product in the catalog.',
        type: 'object',
        required: ['id', 'name', 'price'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, price: { type: 'integer' } },
      },
      NotFound: { type: 'object', required: ['message', 'code'], properties: { message: { type: 'string' }, code: { const: 'not_found' } } },
      Gone: { type: 'object', required: ['goneSince'], properties: { goneSince: { type: 'string' } } },
      Problem: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' } } },
      Error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      'product-list': { type: 'array', items: ref('Product') },
      GetProductParams: { type: 'object', properties: { clash: { type: 'boolean' } } },
      Promise: { type: 'string', enum: ['kept', 'broken'] },
    },
  },
} as const;

/** Writes the spec into `dir/specs` and generates its client into `dir` (returns the warnings). */
export async function generateCatalog(dir: string): Promise<readonly string[]> {
  mkdirSync(path.join(dir, 'specs'), { recursive: true });
  const spec = path.join(dir, 'specs', 'catalog.json');
  writeFileSync(spec, JSON.stringify(CATALOG_SPEC, null, 2));
  const report = await generate({ inputs: [spec], out: path.join(dir, 'clients') });
  return report.warnings;
}

export const PRODUCT = { id: 'p1', name: 'Lamp', price: 1200 };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

/**
 * The catalog server: `/products/p1` 200 (ETag, X-RateLimit-Remaining), `missing` 404, `old` 410
 * (Sunset), `teapot` 418 (undeclared), `boom` 503 (undeclared, never retried: POST-free GET with
 * retries off in the tests); `/ping` 200, or 422 text with `?fail=true` (the spec declares no error).
 */
export function catalogServer(): Promise<TestServer> {
  return startServer((req, res, r) => {
    const url = new URL(r.url, 'http://x');
    const id = /^\/products\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id === 'p1') return send(res, 200, PRODUCT, { etag: '"v1"', 'x-ratelimit-remaining': '9', 'set-cookie': 'a=1' });
    if (id === 'missing') return send(res, 404, { message: 'No such product', code: 'not_found' });
    if (id === 'old') return send(res, 410, { goneSince: '2026-01-01' }, { sunset: 'Thu, 01 Jan 2026 00:00:00 GMT' });
    if (id === 'teapot') return send(res, 418, { teapot: true });
    if (id === 'boom') return send(res, 503, { title: 'Down', status: 503 });
    if (url.pathname === '/products' && req.method === 'POST') return send(res, 201, JSON.parse(r.body.toString()), { location: '/products/p2' });
    if (url.pathname === '/products') return send(res, 200, [PRODUCT]);
    if (url.pathname === '/ping') return url.searchParams.get('fail') === 'true' ? send(res, 422, 'nope') : send(res, 200, { pong: true });
    return send(res, 404, { message: 'no route', code: 'not_found' });
  });
}
