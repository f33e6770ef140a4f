/** Which request media type a call sends: the requested one, the operation's default, or its first. */
import { describe, expect, test } from 'vitest';
import { chooseMedia } from '../../../../runtime/body/choose.js';
import { APIException } from '../../../../runtime/errors.js';
import type { OperationSpec } from '../../../../runtime/types.js';

const base: OperationSpec = { operationId: 'createUser', method: 'POST', path: '/users' };
const media = { 'application/json': { type: 'json' }, 'multipart/form-data': { type: 'multipart', encoding: { a: { contentType: 'text/csv' } } } } as const;

describe('chooseMedia', () => {
  test('no media table: the requested type with the body type (json by default)', () => {
    expect(chooseMedia(base, undefined)).toEqual({ mediaType: undefined, spec: { type: 'json' } });
    expect(chooseMedia({ ...base, bodyType: 'text' }, 'text/csv')).toEqual({ mediaType: 'text/csv', spec: { type: 'text' } });
  });

  test('the requested type wins', () => {
    expect(chooseMedia({ ...base, media, contentType: 'application/json' }, 'multipart/form-data')).toEqual({
      mediaType: 'multipart/form-data',
      spec: media['multipart/form-data'],
    });
  });

  test("else the operation's default, else the first key", () => {
    expect(chooseMedia({ ...base, media, contentType: 'multipart/form-data' }, undefined).mediaType).toBe('multipart/form-data');
    expect(chooseMedia({ ...base, media }, undefined)).toEqual({ mediaType: 'application/json', spec: { type: 'json' } });
  });

  test('an empty media table falls back to the body type', () => {
    expect(chooseMedia({ ...base, media: {}, bodyType: 'binary' }, undefined)).toEqual({ mediaType: undefined, spec: { type: 'binary' } });
  });

  test('a type the operation does not accept is an invalid_usage error naming the accepted ones', () => {
    let error: unknown;
    try {
      chooseMedia({ ...base, media }, 'text/plain');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(APIException);
    expect((error as APIException).errorCode.name).toBe('invalid_usage');
    expect((error as APIException).description).toBe(
      'createUser does not accept content type "text/plain"; it accepts "application/json", "multipart/form-data".',
    );
  });

  test('an inherited key is not an accepted type', () => {
    expect(() => chooseMedia({ ...base, media }, 'constructor')).toThrow(APIException);
  });
});
