/** Responses → success/error body types, runtime responseType and variants (model/responses.ts), on literal operations. */
import { describe, expect, it } from 'vitest';
import { responseTypes } from '../../../../generator/model/responses.js';
import { schemaNames } from '../../../../generator/model/schemas.js';

const NONE = schemaNames({}, new Set(), () => {});
const body = (media: string, schema: object = {}) => ({ description: 'x', content: { [media]: { schema } } });
const typesOf = (responses: Record<string, unknown>, method = 'GET', doc: Record<string, unknown> = {}) =>
  responseTypes(doc, { responses }, '$op', method, NONE);

describe('responseTypes', () => {
  it('2xx are success, 4xx/5xx errors, JSON typed through the operation type', () => {
    const r = typesOf({ '200': body('application/json'), '404': body('application/problem+json'), '500': { description: 'x' } });
    expect(r.successType).toBe("$op['responses']['200']['content']['application/json']");
    expect(r.errorType).toBe("$op['responses']['404']['content']['application/problem+json'] | null");
    expect(r.responseType).toBeNull();
    expect(r.errorStatuses).toBe('404 | 500');
  });

  it('a success with no content is null; an operation without responses is unknown, its errors undeclared', () => {
    expect(typesOf({ '204': { description: 'x' } }).successType).toBe('null');
    const none = responseTypes({}, {}, '$op', 'GET', NONE);
    expect([none.successType, none.errorType, none.errorStatuses, none.responses]).toEqual(['unknown', '{} | null', 'never', []]);
  });

  it('default is an error when explicit successes exist, else both', () => {
    const withOk = typesOf({ '200': { description: 'x' }, default: body('text/plain') });
    expect([withOk.successType, withOk.errorType]).toEqual(['null', 'string']);
    const alone = typesOf({ default: body('text/plain') });
    expect([alone.successType, alone.errorType]).toEqual(['string', 'string']);
  });

  it('every success binary: bytes requested, and every body (errors too) is Uint8Array', () => {
    const r = typesOf({ '200': body('application/pdf'), '206': body('image/png'), '404': body('application/json') });
    expect(r.responseType).toBe('binary');
    expect(r.successType).toBe('Uint8Array');
    expect(r.errorType).toBe('Uint8Array');
  });

  it('a binary success beside a JSON one is read as text, not bytes', () => {
    const r = typesOf({ '200': body('application/json'), '203': body('application/octet-stream') });
    expect(r.responseType).toBeNull();
    expect(r.successType).toBe("$op['responses']['200']['content']['application/json'] | string");
  });

  it('HEAD has no bodies', () => {
    const r = typesOf({ '200': body('application/json'), '404': body('application/json') }, 'HEAD');
    expect([r.successType, r.errorType]).toEqual(['null', 'null']);
  });

  it('a $ref to a component schema is typed by its export; referenced responses are followed', () => {
    const doc = {
      components: {
        schemas: { User: { type: 'object' } },
        responses: { NotFound: body('application/json', { $ref: '#/components/schemas/User' }) },
      },
    };
    const names = schemaNames(doc, new Set(), () => {});
    const r = responseTypes(
      doc,
      { responses: { '200': body('application/json', { $ref: '#/components/schemas/User' }), '404': { $ref: '#/components/responses/NotFound' } } },
      '$op',
      'GET',
      names,
    );
    expect(r.successType).toBe('User');
    expect(r.errorType).toBe('User');
    expect(r.responses.map((v) => [v.ok, v.statusType])).toEqual([
      [true, '200'],
      [false, '404'],
    ]);
  });

  it('JSON is preferred over text for the same status; 3xx are failure variants; 1xx and ranges are not variants', () => {
    const r = typesOf({
      '100': { description: 'x' },
      '2XX': body('application/json'),
      '301': { description: 'x' },
      '200': { description: 'x', content: { 'text/plain': {}, 'application/json': {} } },
    });
    // Object key order: integer-like keys first, so 200 before 2XX.
    expect(r.successType).toBe("$op['responses']['200']['content']['application/json'] | $op['responses']['2XX']['content']['application/json']");
    expect(r.responses.map((v) => [v.ok, v.statusType, v.dataType])).toEqual([
      [true, '200', "$op['responses']['200']['content']['application/json']"],
      [false, '301', 'null'],
    ]);
    expect(r.errorStatuses).toBe('301');
  });

  it('duplicate header names (any case) count once; a required one is not optional', () => {
    const r = typesOf({ '200': { description: 'x', headers: { 'X-Id': { required: true }, 'x-id': {} } } });
    expect(r.responses[0]?.headersType).toBe("{ 'x-id': string }");
  });
});
