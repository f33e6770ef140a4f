/** Parameters and request bodies of one matched operation compared (diff/request-compare.ts), on literal operations. */
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../../generator/diff/match.js';
import { compareRequest } from '../../../../generator/diff/request-compare.js';
import { SchemaComparer } from '../../../../generator/diff/schema-compare.js';

type Json = Record<string, unknown>;

/** `kind old→new: message` for every change between the GET /a operations of two documents. */
function changes(oldOp: Json, newOp: Json, oldExtra: Json = {}, newExtra: Json = {}): string[] {
  const oldDoc = { ...oldExtra, paths: { '/a/{id}': { get: oldOp } } };
  const newDoc = { ...newExtra, paths: { '/a/{id}': { get: newOp } } };
  const out: string[] = [];
  const [o] = operationsOf(oldDoc);
  const [n] = operationsOf(newDoc);
  compareRequest(o!, n!, new SchemaComparer(oldDoc, newDoc), (kind, was, is, message) => out.push(`${kind} ${was ?? '-'}→${is ?? '-'}: ${message}`));
  return out;
}

const param = (name: string, where: string, extra: Json = {}) => ({ name, in: where, schema: { type: 'string' }, ...extra });
const body = (required: boolean, content: Json) => ({ requestBody: { required, content } });

describe('compareRequest: parameters', () => {
  it('no change: nothing', () => {
    const op = { parameters: [param('id', 'path'), param('q', 'query')] };
    expect(changes(op, op)).toEqual([]);
  });

  it('removed, added (required or not), required changed', () => {
    const o = { parameters: [param('q', 'query'), param('X-Old', 'header')] };
    const n = { parameters: [param('q', 'query', { required: true }), param('id', 'path'), param('f', 'query')] };
    expect(changes(o, n)).toEqual([
      'request-parameter-became-required /paths/~1a~1{id}/get/parameters/0→/paths/~1a~1{id}/get/parameters/0: query parameter q became required',
      'request-parameter-removed /paths/~1a~1{id}/get/parameters/1→-: header parameter X-Old removed',
      'new-required-request-parameter -→/paths/~1a~1{id}/get/parameters/1: new required path parameter id',
      'new-optional-request-parameter -→/paths/~1a~1{id}/get/parameters/2: new optional query parameter f',
    ]);
  });

  it('header names match whatever their case; serialization defaults are applied before comparing', () => {
    expect(changes({ parameters: [param('X-A', 'header')] }, { parameters: [param('x-a', 'header', { style: 'simple', explode: false })] })).toEqual([]);
    expect(changes({ parameters: [param('q', 'query')] }, { parameters: [param('q', 'query', { explode: false })] })).toEqual([
      'request-parameter-style-changed /paths/~1a~1{id}/get/parameters/0→/paths/~1a~1{id}/get/parameters/0: query parameter q: style form, explode true changed to style form, explode false',
    ]);
  });

  it('a parameter schema change is a request-parameter kind', () => {
    const n = { parameters: [param('q', 'query', { schema: { type: 'string', maxLength: 3 } })] };
    expect(changes({ parameters: [param('q', 'query')] }, n)).toEqual([
      'request-parameter-max-length-set /paths/~1a~1{id}/get/parameters/0/schema→/paths/~1a~1{id}/get/parameters/0/schema: query parameter q: maxLength (none) → 3',
    ]);
  });
});

describe('compareRequest: bodies', () => {
  const json = (schema: Json) => ({ 'application/json': { schema } });

  it('a body added (required or optional) or removed', () => {
    expect(changes({}, body(true, json({})))).toEqual(['request-body-added-required -→/paths/~1a~1{id}/get/requestBody: new required request body']);
    expect(changes({}, body(false, json({})))).toEqual(['request-body-added-optional -→/paths/~1a~1{id}/get/requestBody: new optional request body']);
    expect(changes(body(false, json({})), {})).toEqual(['request-body-removed /paths/~1a~1{id}/get/requestBody→-: request body removed']);
  });

  it('required changed, media types removed and added', () => {
    expect(changes(body(false, { ...json({}), 'text/plain': {} }), body(true, { ...json({}), 'application/xml': {} }))).toEqual([
      'request-body-became-required /paths/~1a~1{id}/get/requestBody→/paths/~1a~1{id}/get/requestBody: request body became required',
      'request-body-media-type-removed /paths/~1a~1{id}/get/requestBody/content/text~1plain→-: request body media type text/plain removed',
      'request-body-media-type-added -→/paths/~1a~1{id}/get/requestBody/content/application~1xml: request body media type application/xml added',
    ]);
  });

  it('schema changes of a body and of its properties, through a referenced request body', () => {
    const schema = (t: string) => ({ type: 'object', properties: { n: { type: t } } });
    const oldExtra = { components: { requestBodies: { B: body(true, json(schema('integer'))).requestBody } } };
    const o = { requestBody: { $ref: '#/components/requestBodies/B' } };
    const n = body(true, json({ ...schema('string'), required: ['n'] }));
    expect(changes(o, n, oldExtra).map((c) => c.replace(/ .*?: /, ': '))).toEqual([
      'request-property-became-required: request (application/json), property n: became required',
      'request-property-type-changed: request (application/json), property n: changed type from integer to string',
    ]);
  });
});
