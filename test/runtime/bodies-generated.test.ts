/**
 * Generated clients for specs with several request media types, binary bodies, form encodings and
 * an Authorization header parameter: they type-check under strict (and lax), the body's type
 * follows `options.contentType`, and, imported and called, they put the spec's bytes on the wire
 * of a real node:http server on 127.0.0.1. `result: 'response'` and typed response headers hold
 * whichever media type is chosen.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeAll, configure } from 'svc-gen/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, tempDir } from '../generator/helpers/fs.js';
import { formatDiagnostics, LAX, typecheck } from '../generator/helpers/typecheck.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const thing = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    color: { type: 'object', properties: { R: { type: 'integer' } } },
  },
};

// createThing's responses: a 201 with a declared Location header, a 409 with its own body.
const created = {
  '201': {
    description: 'created',
    headers: { Location: { required: true, schema: { type: 'string' } } },
    content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } },
  },
  '409': {
    description: 'conflict',
    content: { 'application/json': { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } } },
  },
};

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Media', version: '1' },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: {
          required: true,
          content: {
            'text/plain': { schema: { type: 'string' } },
            'multipart/form-data': {
              schema: { type: 'object', required: ['name', 'photo'], properties: { name: { type: 'string' }, photo: { type: 'string', format: 'binary' } } },
              encoding: { photo: { contentType: 'image/png' } },
            },
            'application/x-www-form-urlencoded': {
              schema: thing,
              encoding: { tags: { style: 'pipeDelimited', explode: false }, color: { style: 'deepObject', explode: true } },
            },
            'application/json': { schema: thing },
          },
        },
        responses: created,
      },
    },
    '/things/{id}': {
      patch: {
        operationId: 'patchThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/merge-patch+json': { schema: { type: 'object', properties: { name: { type: ['string', 'null'] } } } } },
        },
        responses: ok,
      },
    },
    '/avatar': {
      put: { operationId: 'putAvatar', requestBody: { required: true, content: { 'image/png': {} } }, responses: ok },
    },
    '/blob': {
      put: {
        operationId: 'putBlob',
        requestBody: { content: { 'application/x-custom': { schema: { type: 'string', contentMediaType: 'application/x-custom' } } } },
        responses: ok,
      },
    },
    '/me': {
      get: { operationId: 'getMe', parameters: [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } }], responses: ok },
    },
  },
};

const USAGE = `
import { getService } from './index.js';

export async function calls(): Promise<void> {
  const media = getService('media');
  await media.createThing({ body: { name: 'a', tags: ['x'] } });
  await media.createThing({ body: { name: 'a' } }, { contentType: 'application/json' });
  await media.createThing({ body: { name: 'a', color: { R: 1 } } }, { contentType: 'application/x-www-form-urlencoded' });
  await media.createThing({ body: 'plain' }, { contentType: 'text/plain' });
  await media.createThing({ body: { name: 'a' }, files: { photo: new Blob(['x']) } }, { contentType: 'multipart/form-data', retryCount: 0 });
  await media.patchThing({ path: { id: '1' }, body: { name: null } });
  await media.putAvatar({ body: new Uint8Array([1]) });
  await media.putAvatar({ body: new Blob(['x']) });
  await media.putAvatar({ body: new ArrayBuffer(1) });
  await media.putAvatar({ body: new ReadableStream<Uint8Array>() });
  const { createReadStream } = await import('node:fs');
  await media.putAvatar({ body: createReadStream('x') });
  await media.putBlob({ body: Buffer.from('x') });
  await media.getMe({ headers: { Authorization: 'Bearer t' } });
}

export async function responses(): Promise<void> {
  const media = getService('media');
  const r = await media.createThing({ body: 'plain' }, { contentType: 'text/plain', result: 'response' });
  if (r.ok) {
    const id: string = r.data.id;
    const location: string = r.headers.location;
    void id; void location;
  } else if (r.status === 409) {
    const reason: string = r.error.reason;
    void reason;
  } else {
    // @ts-expect-error an undeclared status's body is unknown
    r.error.reason;
  }
  const j = await media.createThing({ body: { name: 'a' } }, { result: 'response' });
  if (j.ok) { const location: string = j.headers.location; void location; }
  // @ts-expect-error result mode does not make text/plain accept an object
  await media.createThing({ body: { name: 'a' } }, { contentType: 'text/plain', result: 'response' });
}

export async function errors(): Promise<void> {
  const media = getService('media');
  // @ts-expect-error the default (JSON) body is an object, not text
  await media.createThing({ body: 'plain' });
  // @ts-expect-error text/plain takes a string
  await media.createThing({ body: { name: 'a' } }, { contentType: 'text/plain' });
  // @ts-expect-error multipart needs its required file
  await media.createThing({ body: { name: 'a' } }, { contentType: 'multipart/form-data' });
  // @ts-expect-error a content type the operation does not accept
  await media.createThing({ body: { name: 'a' } }, { contentType: 'application/xml' });
  // @ts-expect-error a binary body is bytes, not an object
  await media.putAvatar({ body: { data: 1 } });
  // @ts-expect-error a binary body is bytes, not text
  await media.putAvatar({ body: 'text' });
  // @ts-expect-error the Authorization header parameter is required
  await media.getMe({ headers: {} });
}
`;

let out: string;
let server: TestServer;
// The generated client, imported at run time (its type is checked by the tsc tests above).
let client: {
  MediaService: new () => Record<string, (params?: unknown, options?: unknown) => Promise<unknown>>;
};

beforeAll(async () => {
  out = tempDir('svc-gen-bodies-');
  writeFileSync(path.join(out, 'media.json'), JSON.stringify(SPEC));
  await generate({ inputs: [path.join(out, 'media.json')], out: path.join(out, 'clients') });
  writeFileSync(path.join(out, 'clients', 'usage.ts'), USAGE);
  client = (await import(pathToFileURL(path.join(out, 'clients', 'media', 'client.ts')).href)) as typeof client;
  server = await startServer((req, res) => {
    if (req.headers['x-case'] === 'created') return json(res, 201, { id: 't1' }, { location: '/things/t1' });
    if (req.headers['x-case'] === 'conflict') return json(res, 409, { reason: 'dup' });
    json(res, 200, {});
  });
  configure({ serviceConnections: ['media'], services: { media: { url: server.url } } });
});
afterAll(async () => {
  await closeAll();
  await server.close();
  cleanup(out);
});

describe('generated clients with several media types, binary bodies and form encodings', () => {
  it('type-check under strict; every @ts-expect-error line is an error', () => {
    const diagnostics = typecheck(path.join(out, 'clients'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('compile without strict too', () => {
    writeFileSync(path.join(out, 'clients', 'usage.ts'), 'export {};\n');
    const diagnostics = typecheck(path.join(out, 'clients'), LAX);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('send what the spec says, for each media type and the header parameter', async () => {
    const media = new client.MediaService();
    server.received.length = 0;
    await media.createThing!({ body: { name: 'a' } });
    await media.createThing!({ body: { name: 'a b', tags: ['x', 'y'], color: { R: 1 } } }, { contentType: 'application/x-www-form-urlencoded' });
    await media.createThing!({ body: 'plain' }, { contentType: 'text/plain' });
    await media.createThing!({ body: { name: 'n' }, files: { photo: { data: new Uint8Array([1, 2]) } } }, { contentType: 'multipart/form-data' });
    await media.patchThing!({ path: { id: '1' }, body: { name: null } });
    await media.putAvatar!({ body: Buffer.from([0, 1, 254, 255]) });
    await media.putBlob!({ body: new Blob(['raw']) });
    await media.getMe!({ headers: { Authorization: 'Bearer end-user' } });
    const got = server.received.map((r) => [r.method, r.url, r.headers['content-type'], r.body.toString('latin1')]);
    const multipart = got[3]!;
    const boundary = /boundary=(\S+)$/.exec(String(multipart[2]))![1]!;
    expect(String(multipart[3]).split(boundary).join('B')).toBe(
      '--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nn\r\n--B\r\nContent-Disposition: form-data; name="photo"; filename="file"\r\nContent-Type: image/png\r\n\r\n\u0001\u0002\r\n--B--\r\n',
    );
    expect(got.filter((_, i) => i !== 3)).toEqual([
      ['POST', '/things', 'application/json', '{"name":"a"}'],
      ['POST', '/things', 'application/x-www-form-urlencoded', 'name=a+b&tags=x|y&color[R]=1'],
      ['POST', '/things', 'text/plain', 'plain'],
      ['PATCH', '/things/1', 'application/merge-patch+json', '{"name":null}'],
      ['PUT', '/avatar', 'image/png', '\u0000\u0001\u00fe\u00ff'],
      ['PUT', '/blob', 'application/x-custom', 'raw'],
      ['GET', '/me', undefined, ''],
    ]);
    expect(server.received[7]!.headers.authorization).toBe('Bearer end-user');
  });

  it("result: 'response' with a chosen media type: status, body and headers as the types say", async () => {
    const media = new client.MediaService();
    const made = await media.createThing!({ body: 'plain' }, { contentType: 'text/plain', result: 'response', headers: { 'x-case': 'created' } });
    expect(made).toMatchObject({ ok: true, status: 201, data: { id: 't1' }, headers: { location: '/things/t1' } });
    const clash = await media.createThing!({ body: 'plain' }, { contentType: 'text/plain', result: 'response', headers: { 'x-case': 'conflict' } });
    expect(clash).toMatchObject({ ok: false, status: 409, error: { reason: 'dup' } });
    expect(server.received.at(-1)!.headers['content-type']).toBe('text/plain');
  });
});
