/**
 * The model, from literal documents (no I/O): which `params` parts exist and are required, body and
 * response handling, runtime op fields, docs, and deterministic collision resolution.
 */
import { describe, expect, it } from 'vitest';
import type { OperationModel } from '../../../../generator/model/model-types.js';
import { buildService } from '../../../../generator/model/service.js';

type Json = Record<string, unknown>;

/** A document with one operation `POST /things/{id}` (or the given path/method). */
function single(op: Json, extra: { path?: string; method?: string; pathItem?: Json; components?: Json } = {}): OperationModel {
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { [extra.path ?? '/things']: { ...extra.pathItem, [extra.method ?? 'post']: { responses: { '204': { description: 'ok' } }, ...op } } },
    components: extra.components ?? {},
  };
  const service = buildService(doc, 'things');
  expect(service.operations).toHaveLength(1);
  return service.operations[0]!;
}

const q = (name: string, required = false) => ({ name, in: 'query', required, schema: { type: 'string' } });
const h = (name: string, required = false) => ({ name, in: 'header', required, schema: { type: 'string' } });
const json = (schema: Json = { type: 'object' }) => ({ 'application/json': { schema } });

describe('params parts', () => {
  /** [name, operation, path-item extras, expected parts as key(?), params required] */
  const cases: [string, Json, { path?: string; pathItem?: Json }, string[], boolean][] = [
    ['nothing', {}, {}, [], false],
    ['optional query only', { parameters: [q('a')] }, {}, ['query?'], false],
    ['one required query', { parameters: [q('a'), q('b', true)] }, {}, ['query'], true],
    [
      'path params from the path item',
      {},
      { path: '/things/{id}', pathItem: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } },
      ['path'],
      true,
    ],
    ['optional header', { parameters: [h('X-A')] }, {}, ['headers?'], false],
    ['required header', { parameters: [h('X-A', true)] }, {}, ['headers'], true],
    ['cookie parameters are the cookies part', { parameters: [{ name: 'c', in: 'cookie', schema: { type: 'string' } }] }, {}, ['cookies?'], false],
    ['optional body', { requestBody: { content: json() } }, {}, ['body?'], false],
    ['required body', { requestBody: { required: true, content: json() } }, {}, ['body'], true],
    [
      'all parts in order',
      { parameters: [{ name: 'c', in: 'cookie' }, h('X-A'), q('a', true)], requestBody: { content: json() } },
      { path: '/things/{id}', pathItem: { parameters: [{ name: 'id', in: 'path', required: true }] } },
      ['path', 'query', 'headers?', 'cookies?', 'body?'],
      true,
    ],
  ];
  it.each(cases)('%s', (_name, op, extra, parts, required) => {
    const model = single(op, extra);
    expect(model.params.map((p) => `${p.key}${p.required ? '' : '?'}`)).toEqual(parts);
    expect(model.paramsRequired).toBe(required);
  });

  it('an operation parameter overrides the path-item one with the same name and location', () => {
    const model = single({ parameters: [q('a', true)] }, { pathItem: { parameters: [q('a', false)] } });
    expect(model.params).toMatchObject([{ key: 'query', required: true }]);
  });
});

describe('request bodies', () => {
  const multipart = (schema: Json) => ({ requestBody: { required: true, content: { 'multipart/form-data': { schema } } } });
  /** [name, operation, bodyType, parts] */
  const cases: [string, Json, string | null, Record<string, string>][] = [
    [
      'JSON is the default body type',
      { requestBody: { content: json() } },
      null,
      { 'body?': "NonNullable<$paths['/things']['post']['requestBody']>['content']['application/json']" },
    ],
    [
      '+json counts as JSON',
      { requestBody: { content: { 'application/merge-patch+json': { schema: {} } } } },
      null,
      { 'body?': "NonNullable<$paths['/things']['post']['requestBody']>['content']['application/merge-patch+json']" },
    ],
    [
      'JSON is preferred over form and multipart',
      { requestBody: { content: { 'multipart/form-data': {}, 'application/x-www-form-urlencoded': {}, ...json() } } },
      null,
      { 'body?': "NonNullable<$paths['/things']['post']['requestBody']>['content']['application/json']" },
    ],
    [
      'form',
      { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: {} } } } },
      'form',
      { 'body?': "NonNullable<$paths['/things']['post']['requestBody']>['content']['application/x-www-form-urlencoded']" },
    ],
    ['text', { requestBody: { required: true, content: { 'text/plain': {} } } }, 'text', { body: 'string' }],
    ['binary', { requestBody: { content: { 'application/octet-stream': {} } } }, 'binary', { 'body?': '$BinaryBody' }],
    ['image/* is binary', { requestBody: { content: { 'image/*': {} } } }, 'binary', { 'body?': '$BinaryBody' }],
    [
      'a format: binary schema makes a text-like media type binary',
      { requestBody: { content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } } },
      'binary',
      { 'body?': '$BinaryBody' },
    ],
    [
      'a 3.1 contentMediaType schema makes a wildcard media type binary',
      { requestBody: { content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } } },
      'binary',
      { 'body?': '$BinaryBody' },
    ],
    [
      'multipart splits fields from files',
      multipart({
        type: 'object',
        required: ['file', 'title'],
        properties: {
          file: { type: 'string', format: 'binary' },
          title: { type: 'string' },
          more: { type: 'array', items: { type: 'string', format: 'binary' } },
        },
      }),
      'multipart',
      {
        body: "Omit<NonNullable<$paths['/things']['post']['requestBody']>['content']['multipart/form-data'], 'file' | 'more'>",
        files: "{ 'file': $FileInput | readonly $FileInput[]; 'more'?: readonly $FileInput[] }",
      },
    ],
    [
      'multipart with only a file (3.1 contentMediaType)',
      multipart({ type: 'object', properties: { doc: { type: 'string', contentMediaType: 'application/pdf' } } }),
      'multipart',
      { 'files?': "{ 'doc'?: $FileInput | readonly $FileInput[] }" },
    ],
    [
      'multipart without properties accepts both, loosely',
      multipart({ type: 'object' }),
      'multipart',
      {
        'body?': "NonNullable<$paths['/things']['post']['requestBody']>['content']['multipart/form-data']",
        'files?': 'Record<string, $FileInput | readonly $FileInput[]>',
      },
    ],
  ];
  it.each(cases)('%s', (_name, op, bodyType, parts) => {
    const model = single(op);
    expect(model.bodyType).toBe(bodyType);
    expect(Object.fromEntries(model.params.map((p) => [`${p.key}${p.required ? '' : '?'}`, p.type]))).toEqual(parts);
  });

  it('follows $refs to request bodies and schemas', () => {
    const components = {
      requestBodies: { Up: { content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/Up' } } } } },
      schemas: { Up: { properties: { f: { $ref: '#/components/schemas/File' } } }, File: { type: 'string', format: 'binary' } },
    };
    expect(single({ requestBody: { $ref: '#/components/requestBodies/Up' } }, { components }).params).toMatchObject([
      { key: 'files', type: "{ 'f'?: $FileInput | readonly $FileInput[] }" },
    ]);
  });
});

describe('request media types: the runtime table and the variants', () => {
  it('orders the default first (JSON), keeps every media type, and carries the encoding object', () => {
    const model = single({
      requestBody: {
        content: {
          'text/plain': {},
          'application/x-www-form-urlencoded': {
            encoding: { tags: { style: 'pipeDelimited', explode: false, allowReserved: true }, meta: { contentType: 'application/json' } },
          },
          'application/merge-patch+json': {},
        },
      },
    });
    expect([model.contentType, model.bodyType]).toEqual(['application/merge-patch+json', null]);
    expect(JSON.stringify(model.media)).toBe(
      JSON.stringify({
        'application/merge-patch+json': { type: 'json' },
        'application/x-www-form-urlencoded': {
          type: 'form',
          encoding: { meta: { contentType: 'application/json' }, tags: { style: 'pipeDelimited', explode: false, allowReserved: true } },
        },
        'text/plain': { type: 'text' },
      }),
    );
    expect(model.bodies?.map((b) => [b.contentType, b.parts.map((p) => p.type)])).toEqual([
      ['application/merge-patch+json', ["NonNullable<$paths['/things']['post']['requestBody']>['content']['application/merge-patch+json']"]],
      ['application/x-www-form-urlencoded', ["NonNullable<$paths['/things']['post']['requestBody']>['content']['application/x-www-form-urlencoded']"]],
      ['text/plain', ['string']],
    ]);
  });

  it('one media type: a table, no variants', () => {
    const model = single({ requestBody: { content: { 'image/png': {} } } });
    expect([model.contentType, model.media, model.bodies]).toEqual(['image/png', { 'image/png': { type: 'binary' } }, null]);
  });

  it('keeps media type names as the spec spells them, as own keys (escaped on render)', () => {
    expect(single({ requestBody: { content: { "application/x-'q'+json": {} } } }).media).toEqual({ "application/x-'q'+json": { type: 'json' } });
    const proto = single({ requestBody: { content: JSON.parse('{"__proto__": {}}') } }).media;
    expect(proto !== null && Object.hasOwn(proto, '__proto__')).toBe(true);
  });

  it('reports what the encoding object says that cannot be sent', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/up': {
          post: {
            responses: { '204': { description: 'ok' } },
            requestBody: {
              content: { 'multipart/form-data': { encoding: { f: { headers: { 'X-Part': { schema: { type: 'string' } } } }, g: { style: 'matrix' } } } },
            },
          },
        },
      },
    };
    expect(buildService(doc, 'things').warnings).toEqual([
      'POST /up: request body multipart/form-data: encoding of "f": part headers are not sent',
      'POST /up: request body multipart/form-data: encoding of "g": style "matrix" is not a form style; the default (form) is used',
    ]);
  });
});

describe('responses', () => {
  const R = "$paths['/things']['get']['responses']";
  const body = (media: string) => ({ description: 'x', content: { [media]: { schema: {} } } });
  /** [name, responses, success type, error type, responseType] */
  const cases: [string, Json, string, string, string | null][] = [
    [
      'JSON success and error',
      { '200': body('application/json'), '404': body('application/problem+json') },
      `${R}['200']['content']['application/json']`,
      `${R}['404']['content']['application/problem+json']`,
      null,
    ],
    ['204 → null, nothing said about errors → any body ({} | null, which keeps the success type)', { '204': { description: 'x' } }, 'null', '{} | null', null],
    [
      'several success codes are a union',
      { '200': body('application/json'), '201': body('application/json') },
      `${R}['200']['content']['application/json'] | ${R}['201']['content']['application/json']`,
      '{} | null',
      null,
    ],
    ['text', { '200': body('text/csv') }, 'string', '{} | null', null],
    ['a download is bytes, error bodies too', { '200': body('image/png'), '404': body('application/json') }, 'Uint8Array', 'Uint8Array', 'binary'],
    [
      'default is the error when success codes exist',
      { '200': body('application/json'), default: body('application/json') },
      `${R}['200']['content']['application/json']`,
      `${R}['default']['content']['application/json']`,
      null,
    ],
    [
      'default alone is both',
      { default: body('application/json') },
      `${R}['default']['content']['application/json']`,
      `${R}['default']['content']['application/json']`,
      null,
    ],
    [
      'a 3xx is never a result (the runtime throws on redirects)',
      { '200': body('application/json'), '301': body('application/json'), '404': body('application/json') },
      `${R}['200']['content']['application/json']`,
      `${R}['404']['content']['application/json']`,
      null,
    ],
    [
      '4XX ranges are errors',
      { '200': body('application/json'), '4XX': body('application/json') },
      `${R}['200']['content']['application/json']`,
      `${R}['4XX']['content']['application/json']`,
      null,
    ],
  ];
  it.each(cases)('%s', (_name, responses, success, error, responseType) => {
    const model = single({ responses }, { method: 'get' });
    expect([model.successType, model.errorType, model.responseType]).toEqual([success, error, responseType]);
  });
});

describe('operations', () => {
  it('records the runtime fields, docs and deprecation', () => {
    const model = single({ operationId: 'Things.Make', summary: 'Make a thing', description: 'Longer.', deprecated: true, 'x-idempotent': true });
    expect(model).toMatchObject({
      methodName: 'thingsMake',
      typeName: 'ThingsMake',
      operationId: 'Things.Make',
      method: 'POST',
      path: '/things',
      idempotent: true,
      deprecated: true,
      docs: ['Make a thing', 'Longer.'],
    });
  });

  it('names operations without an operationId from method and path, and keeps the derived id', () => {
    expect(single({}, { path: '/things/{id}', method: 'get' })).toMatchObject({ methodName: 'getThingsById', operationId: 'getThingsById' });
  });

  it('resolves name collisions deterministically, in spec order, with warnings', () => {
    const ok = { responses: { '204': { description: 'ok' } } };
    const doc = {
      openapi: '3.0.3',
      info: { title: '', version: '' },
      paths: {
        '/a': { get: { ...ok, operationId: 'list_things' }, post: { ...ok, operationId: 'delete' } },
        '/b': { get: { ...ok, operationId: 'listThings' } },
        '/c': { get: { ...ok, operationId: 'list-things' }, put: { ...ok, operationId: 'listThings2' } },
      },
    };
    const service = buildService(doc, 'things');
    expect(service.operations.map((o) => o.methodName)).toEqual(['listThings', 'delete_', 'listThings3', 'listThings4', 'listThings2']);
    expect(service.warnings).toEqual([
      'GET /b and GET /a both map to method listThings; the former is named listThings3',
      'GET /c and GET /a both map to method listThings; the former is named listThings4',
    ]);
    expect(service.docs).toEqual([]); // empty title and version are fine
  });

  it('skips TRACE with a warning and sees through $ref path items', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { $ref: '#/components/pathItems/X' } },
      components: { pathItems: { X: { get: { operationId: 'x', responses: {} }, trace: { responses: {} } } } },
    };
    const service = buildService(doc, 'x');
    expect(service.operations.map((o) => o.methodName)).toEqual(['x']);
    expect(service.warnings).toEqual(['TRACE /x: TRACE is not supported by the runtime; skipped']);
  });

  it('a webhooks-only document is a service without operations', () => {
    expect(
      buildService({ openapi: '3.1.0', info: { title: 'hooks', version: '1' }, webhooks: { ping: { post: { responses: {} } } } }, 'hooks').operations,
    ).toEqual([]);
  });
});
