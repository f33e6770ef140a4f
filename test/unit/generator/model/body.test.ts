/** Request body → params parts, body type, media table (model/body.ts), on literal operations. */
import { describe, expect, it } from 'vitest';
import { bodyParts } from '../../../../generator/model/body.js';

const OP = '$op';
const ct = (media: string) => `NonNullable<$op['requestBody']>['content']['${media}']`;
const withBody = (content: Record<string, unknown>, required = true) => ({ requestBody: { required, content } });

describe('bodyParts', () => {
  it('no request body (or no content) gives nothing', () => {
    const none = { parts: [], bodyType: null, contentType: null, media: null, variants: null };
    expect(bodyParts({}, {}, OP)).toEqual(none);
    expect(bodyParts({}, { requestBody: { description: 'x' } }, OP)).toEqual(none);
    expect(bodyParts({}, withBody({}), OP)).toEqual(none);
  });

  it('a JSON body is typed through the operation type; required follows the spec', () => {
    const r = bodyParts({}, withBody({ 'application/json': { schema: { type: 'object' } } }, false), OP);
    expect(r).toEqual({
      parts: [{ key: 'body', required: false, type: ct('application/json') }],
      bodyType: null,
      contentType: 'application/json',
      media: { 'application/json': { type: 'json' } },
      variants: null,
    });
  });

  it('several media types: JSON first whatever the spec order, one variant each', () => {
    const r = bodyParts({}, withBody({ 'text/plain': {}, 'application/x-www-form-urlencoded': {}, 'application/json': {} }), OP);
    expect(r.contentType).toBe('application/json');
    expect(r.variants?.map((v) => [v.contentType, v.parts.map((p) => p.type)])).toEqual([
      ['application/json', [ct('application/json')]],
      ['application/x-www-form-urlencoded', [ct('application/x-www-form-urlencoded')]],
      ['text/plain', ['string']],
    ]);
    expect(Object.keys(r.media ?? {})).toEqual(['application/json', 'application/x-www-form-urlencoded', 'text/plain']);
  });

  it('binary media and binary string schemas are bytes', () => {
    expect(bodyParts({}, withBody({ 'application/octet-stream': {} }), OP).parts).toEqual([{ key: 'body', required: true, type: '$BinaryBody' }]);
    const text = bodyParts({}, withBody({ 'text/csv': { schema: { type: 'string', format: 'binary' } } }), OP);
    expect([text.bodyType, text.parts[0]?.type]).toEqual(['binary', '$BinaryBody']);
    const wildcard = bodyParts({}, withBody({ '*/*': { schema: { type: 'string', contentMediaType: 'image/png' } } }), OP);
    expect(wildcard.bodyType).toBe('binary');
    const encoded = bodyParts({}, withBody({ 'text/plain': { schema: { type: 'string', contentMediaType: 'image/png', contentEncoding: 'base64' } } }), OP);
    expect(encoded.bodyType).toBe('text');
  });

  it('multipart splits fields from files; required follows the required properties', () => {
    const schema = {
      type: 'object',
      required: ['avatar'],
      properties: {
        name: { type: 'string' },
        avatar: { type: 'string', format: 'binary' },
        photos: { type: 'array', items: { type: 'string', contentMediaType: 'image/png' } },
      },
    };
    const r = bodyParts({}, withBody({ 'multipart/form-data': { schema } }), OP);
    expect(r.bodyType).toBe('multipart');
    expect(r.parts).toEqual([
      { key: 'body', required: false, type: `Omit<${ct('multipart/form-data')}, 'avatar' | 'photos'>` },
      { key: 'files', required: true, type: "{ 'avatar': $FileInput | readonly $FileInput[]; 'photos'?: readonly $FileInput[] }" },
    ]);
  });

  it('multipart without properties accepts both body and files, loosely', () => {
    const r = bodyParts({}, withBody({ 'multipart/form-data': {} }), OP);
    expect(r.parts.map((p) => [p.key, p.required])).toEqual([
      ['body', false],
      ['files', false],
    ]);
  });

  it('encoding objects become the media table; bad styles and part headers are reported', () => {
    const warnings: string[] = [];
    const content = {
      'application/x-www-form-urlencoded': {
        schema: { type: 'object' },
        encoding: {
          tags: { style: 'pipeDelimited', explode: false },
          meta: { contentType: 'application/json', headers: { 'X-A': {} } },
          odd: { style: 'matrix' },
          empty: {},
        },
      },
    };
    const r = bodyParts({}, withBody(content), OP, (m) => warnings.push(m));
    expect(r.media).toEqual({
      'application/x-www-form-urlencoded': {
        type: 'form',
        encoding: { meta: { contentType: 'application/json' }, tags: { style: 'pipeDelimited', explode: false } },
      },
    });
    expect(warnings).toEqual([
      'request body application/x-www-form-urlencoded: encoding of "meta": part headers are not sent',
      'request body application/x-www-form-urlencoded: encoding of "odd": style "matrix" is not a form style; the default (form) is used',
    ]);
  });

  it('request bodies and schemas behind $ref are followed', () => {
    const doc = {
      components: {
        requestBodies: { Upload: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/U' } } } } },
        schemas: { U: { type: 'object', properties: { file: { $ref: '#/components/schemas/F' } } }, F: { type: 'string', format: 'binary' } },
      },
    };
    const r = bodyParts(doc, { requestBody: { $ref: '#/components/requestBodies/Upload' } }, OP);
    expect(r.parts).toEqual([{ key: 'files', required: false, type: "{ 'file'?: $FileInput | readonly $FileInput[] }" }]);
  });
});
