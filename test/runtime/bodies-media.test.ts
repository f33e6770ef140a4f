/**
 * Request media types (issue 10, section 3) against a real node:http server on 127.0.0.1: each
 * arrives with its own content type and the exact bytes its `encoding` object says; the caller
 * picks among an operation's media types with `options.contentType`.
 */

import { type APIException, getService, type MediaSpec, type OperationSpec, type PartEncoding } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json } from '../helpers/server.js';

const served = servedService('things');

const setup = () => served.start((_req, res) => json(res, 200, { ok: true }));

/** An operation with one request media type, as the generator emits it. */
const op = (contentType: string, spec: MediaSpec): OperationSpec => ({
  operationId: 'send',
  method: 'POST',
  path: '/things',
  bodyType: spec.type,
  contentType,
  media: { [contentType]: spec },
});

/** Send `body` and return what the server received: content type and body text. */
async function received(operation: OperationSpec, body: unknown, files?: Record<string, unknown>): Promise<{ type: string; body: string }> {
  const service = await setup();
  await service.call(operation, { body, ...(files ? { files: files as never } : {}) });
  const r = served.server.received[0]!;
  return { type: String(r.headers['content-type']), body: r.body.toString('latin1') };
}

describe('JSON family and text: sent with their own content type', () => {
  test.each<[string, MediaSpec['type'], unknown, string]>([
    ['application/json', 'json', { a: 1, b: ['x'] }, '{"a":1,"b":["x"]}'],
    ['application/merge-patch+json', 'json', { name: null }, '{"name":null}'],
    ['application/json-patch+json', 'json', [{ op: 'replace', path: '/a', value: 2 }], '[{"op":"replace","path":"/a","value":2}]'],
    ['application/vnd.api+json', 'json', { data: { type: 't' } }, '{"data":{"type":"t"}}'],
    ['application/problem+json', 'json', { title: 'é' }, Buffer.from('{"title":"é"}').toString('latin1')],
    ['text/plain', 'text', 'hello wörld', Buffer.from('hello wörld').toString('latin1')],
    ['text/csv', 'text', 'a,b\n1,2\n', 'a,b\n1,2\n'],
    ['text/plain; charset=utf-8', 'text', 'x', 'x'],
  ])('%s', async (type, kind, body, want) => {
    expect(await received(op(type, { type: kind }), body)).toEqual({ type, body: want });
  });

  test('an object for a text body is refused, never sent as [object Object]', async () => {
    const service = await setup();
    const error = await service.call(op('text/plain', { type: 'text' }), { body: { a: 1 } }).catch((e: unknown) => e);
    expect((error as APIException).errorCode.name).toBe('invalid_usage');
    expect(served.server.received).toHaveLength(0);
  });

  test('a */* body is JSON, sent as application/json', async () => {
    expect(await received(op('*/*', { type: 'json' }), { a: 1 })).toEqual({ type: 'application/json', body: '{"a":1}' });
  });
});

describe('application/x-www-form-urlencoded follows the encoding object', () => {
  const FORM = 'application/x-www-form-urlencoded';
  const color = { R: 100, G: 200, B: 150 };
  const list = ['blue', 'black', 'brown'];
  /** [name, field value, encoding of the field, exact body] — the style rows of OpenAPI's Style Examples table. */
  const rows: [string, unknown, PartEncoding | undefined, string][] = [
    ['primitive, no encoding', 'blue', undefined, 'color=blue'],
    ['array, no encoding: repeated keys', list, undefined, 'color=blue&color=black&color=brown'],
    ['object, no encoding: JSON text (contentType default application/json)', color, undefined, 'color=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D'],
    ['array, contentType application/json', list, { contentType: 'application/json' }, 'color=%5B%22blue%22%2C%22black%22%2C%22brown%22%5D'],
    ['form, explode: array', list, { style: 'form', explode: true }, 'color=blue&color=black&color=brown'],
    ['form, no explode: array', list, { style: 'form', explode: false }, 'color=blue,black,brown'],
    ['form, explode: object', color, { style: 'form', explode: true }, 'R=100&G=200&B=150'],
    ['form, no explode: object', color, { style: 'form', explode: false }, 'color=R,100,G,200,B,150'],
    ['spaceDelimited, no explode: array', list, { style: 'spaceDelimited', explode: false }, 'color=blue%20black%20brown'],
    ['pipeDelimited, no explode: array', list, { style: 'pipeDelimited', explode: false }, 'color=blue|black|brown'],
    ['spaceDelimited, explode: array', list, { style: 'spaceDelimited', explode: true }, 'color=blue&color=black&color=brown'],
    ['deepObject: object', color, { style: 'deepObject', explode: true }, 'color[R]=100&color[G]=200&color[B]=150'],
    ['pipeDelimited without explode: explode defaults to false', list, { style: 'pipeDelimited' }, 'color=blue|black|brown'],
    ['explode given alone means style form', list, { explode: false }, 'color=blue,black,brown'],
    ['reserved characters are encoded', 'a b&c=d/e?f#g+h', undefined, 'color=a+b%26c%3Dd%2Fe%3Ff%23g%2Bh'],
    // `&`, `#` and `+` stay encoded: raw, they would end the field or read back as a space.
    ['allowReserved leaves the others as they are', 'a b&c=d/e?f#g+h', { allowReserved: true }, 'color=a+b%26c=d/e?f%23g%2Bh'],
    ['non-ASCII as UTF-8', 'é€', undefined, 'color=%C3%A9%E2%82%AC'],
    ['numbers, booleans and 0', 0, undefined, 'color=0'],
  ];
  test.each(rows)('%s', async (_name, value, encoding, want) => {
    const spec: MediaSpec = { type: 'form', ...(encoding ? { encoding: { color: encoding } } : {}) };
    expect(await received(op(FORM, spec), { color: value, skipped: undefined })).toEqual({ type: FORM, body: want });
  });

  test('a style that cannot carry the value is refused before any byte is sent', async () => {
    const service = await setup();
    const error = await service
      .call(op(FORM, { type: 'form', encoding: { color: { style: 'pipeDelimited' } } }), { body: { color: { R: 1 } } })
      .catch((e: unknown) => e);
    expect((error as APIException).errorCode.name).toBe('invalid_usage');
    expect(served.server.received).toHaveLength(0);
  });
});

describe('multipart/form-data follows the encoding object', () => {
  /** The body with the boundary replaced by `B`, after checking the header names the same boundary. */
  function parts(r: { type: string; body: string }): string {
    const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(r.type)?.[1];
    expect(boundary).toBeDefined();
    return r.body.split(boundary!).join('B');
  }

  test('fields, repeated parts for arrays, JSON objects, per-part content types, files', async () => {
    const spec: MediaSpec = {
      type: 'multipart',
      encoding: { meta: { contentType: 'application/vnd.meta+json' }, note: { contentType: 'text/markdown' }, photo: { contentType: 'image/png, image/jpeg' } },
    };
    const r = await received(
      op('multipart/form-data', spec),
      { title: 'Q"1\r\n', tags: ['a', 'b'], meta: { pages: 2 }, plain: { x: 1 }, note: '# hi', count: 0 },
      {
        photo: { data: new Uint8Array([0, 255]), filename: 'p.png' },
        docs: [new Blob(['d1'], { type: 'text/plain' }), { data: 'd2', filename: 'x".txt', contentType: 'text/x' }],
      },
    );
    expect(parts(r)).toBe(
      [
        '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nQ"1\r\n\r\n',
        '--B\r\nContent-Disposition: form-data; name="tags"\r\n\r\na\r\n',
        '--B\r\nContent-Disposition: form-data; name="tags"\r\n\r\nb\r\n',
        '--B\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/vnd.meta+json\r\n\r\n{"pages":2}\r\n',
        '--B\r\nContent-Disposition: form-data; name="plain"\r\nContent-Type: application/json\r\n\r\n{"x":1}\r\n',
        '--B\r\nContent-Disposition: form-data; name="note"\r\nContent-Type: text/markdown\r\n\r\n# hi\r\n',
        '--B\r\nContent-Disposition: form-data; name="count"\r\n\r\n0\r\n',
        '--B\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n\u0000\u00ff\r\n',
        '--B\r\nContent-Disposition: form-data; name="docs"; filename="blob"\r\nContent-Type: text/plain\r\n\r\nd1\r\n',
        '--B\r\nContent-Disposition: form-data; name="docs"; filename="x%22.txt"\r\nContent-Type: text/x\r\n\r\nd2\r\n',
        '--B--\r\n',
      ].join(''),
    );
  });

  test("the platform's own multipart parser reads it back", async () => {
    const r = await received(
      op('multipart/form-data', { type: 'multipart' }),
      { name: 'n', list: ['1', '2'] },
      { file: { data: 'content', filename: 'f.txt' } },
    );
    const form = await new Response(Buffer.from(r.body, 'latin1'), { headers: { 'content-type': r.type } }).formData();
    expect(form.getAll('list')).toEqual(['1', '2']);
    expect(form.get('name')).toBe('n');
    expect(await (form.get('file') as File).text()).toBe('content');
  });

  test('a stream part is streamed and the call is not retried', async () => {
    await served.start((_req, res, _r, index) => (index === 0 ? json(res, 503, {}) : json(res, 200, {})));
    const stream = new Blob(['streamed']).stream();
    const put: OperationSpec = { ...op('multipart/form-data', { type: 'multipart' }), method: 'PUT' };
    await expect(getService('things').call(put, { files: { f: { data: stream, filename: 's' } } }, { retryCount: 2 })).rejects.toMatchObject({
      statusCode: 503,
      attempts: 1,
    });
    expect(served.server.received).toHaveLength(1);
    expect(served.server.received[0]!.headers['transfer-encoding']).toBe('chunked');
    expect(served.server.received[0]!.body.toString()).toContain('filename="s"\r\nContent-Type: application/octet-stream\r\n\r\nstreamed\r\n');
  });
});

describe('several media types: options.contentType picks', () => {
  const multi: OperationSpec = {
    operationId: 'create',
    method: 'POST',
    path: '/things',
    bodyType: 'json',
    contentType: 'application/json',
    media: {
      'application/json': { type: 'json' },
      'application/x-www-form-urlencoded': { type: 'form' },
      'text/plain': { type: 'text' },
      'application/octet-stream': { type: 'binary' },
    },
  };

  test("the default is the operation's first (JSON)", async () => {
    const service = await setup();
    await service.call(multi, { body: { a: 1 } });
    expect([served.server.received[0]!.headers['content-type'], served.server.received[0]!.body.toString()]).toEqual(['application/json', '{"a":1}']);
  });

  test.each<[string, unknown, string]>([
    ['application/x-www-form-urlencoded', { a: 1, b: 'x y' }, 'a=1&b=x+y'],
    ['text/plain', 'plain text', 'plain text'],
    ['application/octet-stream', new Uint8Array([104, 105]), 'hi'],
  ])('%s', async (contentType, body, want) => {
    const service = await setup();
    await service.call(multi, { body }, { contentType });
    expect([served.server.received[0]!.headers['content-type'], served.server.received[0]!.body.toString()]).toEqual([contentType, want]);
  });

  test('a content type the operation does not accept is invalid_usage, nothing sent', async () => {
    const service = await setup();
    const error = await service.call(multi, { body: 'x' }, { contentType: 'application/xml' }).catch((e: unknown) => e);
    expect((error as APIException).errorCode.name).toBe('invalid_usage');
    expect((error as APIException).description).toContain('"application/xml"');
    expect(served.server.received).toHaveLength(0);
  });
});
