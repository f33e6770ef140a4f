/** Response bodies as the caller gets them: null when empty, JSON when the type says so, bytes when asked, else text. */
import { expect, test } from 'vitest';
import { decodeBody, isJsonResponse } from '../../../runtime/response.js';
import { response } from '../../helpers/outgoing.js';

test.each([
  ['application/json', true],
  ['application/json; charset=utf-8', true],
  ['application/problem+json', true],
  ['application/vnd.api+json', true],
  ['text/vnd.x+json', true],
  ['text/json', false],
  ['text/plain', false],
  ['application/jsonp', false],
  ['', false],
])('isJsonResponse(content-type %j) → %s', (type, want) => expect(isJsonResponse(response(200, { 'content-type': type }))).toBe(want));

test('decodeBody: empty → null; JSON by type; text otherwise; bytes as a copy when asked', () => {
  expect(decodeBody(response(204, { 'content-type': 'application/json' }))).toBeNull();
  expect(decodeBody(response(200, { 'content-type': 'application/json' }, '{"a":[1]}'))).toEqual({ a: [1] });
  expect(decodeBody(response(200, { 'content-type': 'text/plain' }, '{"a":1}'))).toBe('{"a":1}');
  expect(decodeBody(response(200, { 'content-type': 'application/json' }, '{"a":1}'), 'text')).toBe('{"a":1}');
  const raw = response(200, { 'content-type': 'application/octet-stream' }, 'bytes');
  const bytes = decodeBody(raw, 'binary') as Uint8Array;
  expect(new TextDecoder().decode(bytes)).toBe('bytes');
  expect(bytes.buffer).not.toBe(raw.body.buffer);
});

test("decodeBody uses the service's parseJson for JSON bodies", () => {
  const parsed = decodeBody(response(200, { 'content-type': 'application/json' }, '{"id":9007199254740993}'), 'auto', (text) => ({ text }));
  expect(parsed).toEqual({ text: '{"id":9007199254740993}' });
});
