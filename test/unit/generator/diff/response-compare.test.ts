/** Responses of one matched operation compared (diff/response-compare.ts), on literal operations. */
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../../generator/diff/match.js';
import { compareResponses } from '../../../../generator/diff/response-compare.js';
import { SchemaComparer } from '../../../../generator/diff/schema-compare.js';

type Json = Record<string, unknown>;

/** `kind: message` for every change between the responses of GET /a in two documents. */
function changes(oldResponses: Json, newResponses: Json, oldExtra: Json = {}): string[] {
  const oldDoc = { ...oldExtra, paths: { '/a': { get: { responses: oldResponses } } } };
  const newDoc = { paths: { '/a': { get: { responses: newResponses } } } };
  const out: string[] = [];
  compareResponses(operationsOf(oldDoc)[0]!, operationsOf(newDoc)[0]!, new SchemaComparer(oldDoc, newDoc), (kind, _o, _n, message) =>
    out.push(`${kind}: ${message}`),
  );
  return out;
}

const json = (schema: Json = {}, extra: Json = {}) => ({ description: 'x', content: { 'application/json': { schema } }, ...extra });

describe('compareResponses', () => {
  it('no change: nothing', () => {
    expect(changes({ '200': json({ type: 'string' }) }, { '200': json({ type: 'string' }) })).toEqual([]);
  });

  it('statuses removed and added, success (codes and 2XX) told from the rest', () => {
    expect(changes({ '200': json(), '404': json() }, { '2XX': json(), '500': json() })).toEqual([
      'response-success-status-removed: response 200 removed',
      'response-non-success-status-removed: response 404 removed',
      // Integer-like keys come first in an object.
      'response-non-success-status-added: response 500 added',
      'response-success-status-added: response 2XX added',
    ]);
  });

  it('media types removed and added', () => {
    expect(changes({ '200': json() }, { '200': { description: 'x', content: { 'text/plain': {} } } })).toEqual([
      'response-media-type-removed: response 200 media type application/json removed',
      'response-media-type-added: response 200 media type text/plain added',
    ]);
  });

  it('headers: removal by requiredness, required becoming optional; names case-insensitive', () => {
    const o = json({}, { headers: { 'X-Req': { required: true }, 'X-Opt': {}, ETag: { required: true }, Keep: { required: true }, Still: {} } });
    const n = json({}, { headers: { etag: {}, keep: { required: true }, still: {} } });
    expect(changes({ '200': o }, { '200': n })).toEqual([
      'required-response-header-removed: response 200 header x-req removed',
      'optional-response-header-removed: response 200 header x-opt removed',
      'response-header-became-optional: response 200 header etag became optional',
    ]);
  });

  it('schema changes in the response direction, through a referenced response', () => {
    const oldExtra = { components: { responses: { Ok: json({ type: 'object', properties: { a: { type: 'integer' } } }) } } };
    const n = json({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'string' } } });
    expect(changes({ '200': { $ref: '#/components/responses/Ok' } }, { '200': n }, oldExtra)).toEqual([
      'response-property-type-changed: response 200 (application/json), property a: changed type from integer to number',
      'response-optional-property-added: response 200 (application/json), optional property b: added',
    ]);
  });
});
