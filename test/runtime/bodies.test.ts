/** Request and response bodies as a real server sends and receives them. */

import { closeAll, configure, getService } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { type Handler, json, type Received } from '../helpers/server.js';

const served = servedService('files');
const setup = (handler: Handler) => served.start(handler);

/** Parse a received multipart body with the platform's own parser. */
function formData(r: Received): Promise<FormData> {
  return new Response(r.body, { headers: { 'content-type': String(r.headers['content-type']) } }).formData();
}

describe('request bodies', () => {
  test('payload alone is sent as JSON', async () => {
    const service = await setup((_req, res) => json(res, 201, { id: 1 }));
    await expect(service.httpDispatch('POST', '/users', { payload: { name: 'Ann', tags: ['a'] }, includeStatusCode: true })).resolves.toEqual([{ id: 1 }, 201]);
    const [r] = served.server.received;
    expect(r?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r!.body.toString())).toEqual({ name: 'Ann', tags: ['a'] });
  });

  test('files make the request multipart/form-data, with the payload fields beside them', async () => {
    const service = await setup((_req, res) => json(res, 200, { ok: true }));
    await service.httpDispatch('POST', '/upload', {
      payload: { title: 'Report', meta: { pages: 2 } },
      files: {
        doc: { data: 'hello file', filename: 'a.txt', contentType: 'text/plain' },
        raw: { data: new Uint8Array([0, 1, 2, 255]) },
        blob: new Blob(['blob body'], { type: 'application/pdf' }),
      },
    });
    const r = served.server.received[0]!;
    expect(String(r.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formData(r);
    expect(form.get('title')).toBe('Report');
    expect(form.get('meta')).toBe('{"pages":2}');
    const doc = form.get('doc') as File;
    expect([doc.name, doc.type, await doc.text()]).toEqual(['a.txt', 'text/plain', 'hello file']);
    const raw = form.get('raw') as File;
    expect([...new Uint8Array(await raw.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(await (form.get('blob') as File).text()).toBe('blob body');
  });

  test('query params: arrays repeat the key; names and values round-trip exactly', async () => {
    const service = await setup((_req, res) => json(res, 200, {}));
    const query = { 'a&b': 'x=y&z', list: [1, 2], ünï: 'ç ✓', empty: '', skip: undefined };
    await service.httpDispatch('GET', '/search', { queryParams: query });
    const url = new URL(served.server.received[0]!.url, 'http://h');
    expect([...url.searchParams]).toEqual([
      ['a&b', 'x=y&z'],
      ['list', '1'],
      ['list', '2'],
      ['ünï', 'ç ✓'],
      ['empty', ''],
    ]);
  });
});

describe('response bodies', () => {
  test.each<[string, Handler, unknown]>([
    ['JSON', (_q, res) => json(res, 200, { a: 1 }), { a: 1 }],
    [
      '+json',
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
        res.end('[1]');
      },
      [1],
    ],
    [
      'text',
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('plain');
      },
      'plain',
    ],
    [
      'no content (204)',
      (_q, res) => {
        res.writeHead(204);
        res.end();
      },
      null,
    ],
    [
      'empty JSON body',
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end();
      },
      null,
    ],
  ])('%s', async (_name, handler, want) => {
    const service = await setup(handler);
    await expect(service.httpDispatch('GET', '/r')).resolves.toEqual(want);
  });

  test('HEAD returns null', async () => {
    const service = await setup((_q, res) => json(res, 200, { a: 1 }));
    await expect(service.httpDispatch('HEAD', '/r', { includeStatusCode: true })).resolves.toEqual([null, 200]);
  });
});

describe('closeAll', () => {
  test('in-flight calls get a grace period, then are aborted; a later call opens a fresh pool', async () => {
    const service = await setup((req, res) => {
      if (req.url === '/quick') setTimeout(() => json(res, 200, { done: true }), 100);
      else if (req.url !== '/hang') json(res, 200, { fresh: true });
    });
    const quick = service.httpDispatch('GET', '/quick');
    const hung = service.httpDispatch('GET', '/hang', { retryCount: 0, responseTimeout: 10_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    const start = performance.now();
    await closeAll();
    const closedAfter = performance.now() - start;
    await expect(quick).resolves.toEqual({ done: true });
    expect(await hung).toMatchObject({ statusCode: 503 });
    expect(closedAfter).toBeGreaterThan(900);
    expect(closedAfter).toBeLessThan(1500);
    configure({ serviceConnections: ['files'], services: { files: { url: served.server.url } } });
    await expect(getService('files').httpDispatch('GET', '/again')).resolves.toEqual({ fresh: true });
  });
});
