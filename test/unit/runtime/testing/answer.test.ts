/** A fake's answers: the spec's example, the content type chosen, the bytes written, its own error bodies. */
import type { ServerResponse } from 'node:http';
import { expect, test } from 'vitest';
import { contentTypeOf, exampleAnswer, fakeError, send } from '../../../../runtime/testing/answer.js';
import type { ContractOperation } from '../../../../runtime/validate/contract.js';

function op(responses: ContractOperation['responses']): ContractOperation {
  return { operationId: 'getUser', method: 'GET', path: '/users/{id}', parameters: [], responses };
}

/** Records what `send` wrote: status, headers, payload. */
function recorder() {
  const written: { status?: number; headers?: Record<string, string>; payload?: string | Uint8Array } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      Object.assign(written, { status, headers });
      return res;
    },
    end(payload: string | Uint8Array) {
      written.payload = payload;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, written };
}

test('exampleAnswer takes the 2xx example before error ones, and ranges and default by their status', () => {
  const operation = op({
    '404': { content: { 'application/json': { example: { error: 'nope' } } } },
    '201': { content: { 'application/json': { schema: {} }, 'text/plain': { example: 'made' } } },
  });
  expect(exampleAnswer(operation)).toEqual({ status: 201, body: 'made', headers: { 'content-type': 'text/plain' } });
  expect(exampleAnswer(op({ '5XX': { content: { 'application/json': { example: 1 } } } }))?.status).toBe(500);
  expect(exampleAnswer(op({ default: { content: { 'application/json': { example: 2 } } }, '4XX': {} }))?.status).toBe(200);
  expect(exampleAnswer(op({ '200': { content: { 'application/json': {} } }, '204': {} }))).toBeUndefined();
});

test('2XX ranks after an exact 2xx and before an exact 4xx', () => {
  const operation = op({
    '400': { content: { 'application/json': { example: 'bad' } } },
    '2XX': { content: { 'application/json': { example: 'range' } } },
  });
  expect(exampleAnswer(operation)?.body).toBe('range');
  expect(
    exampleAnswer(op({ '2XX': { content: { 'application/json': { example: 'range' } } }, '200': { content: { 'application/json': { example: 'ok' } } } }))
      ?.body,
  ).toBe('ok');
});

test('contentTypeOf: the handler header wins, then the spec media for the status, then by body kind', () => {
  const operation = op({ '200': { content: { 'application/xml': {} } }, '400': { content: { '*/*': {} } } });
  expect(contentTypeOf(operation, { status: 200, body: 'x', headers: { 'Content-Type': 'text/csv' } })).toBe('text/csv');
  expect(contentTypeOf(operation, { status: 200, body: '<a/>' })).toBe('application/xml');
  expect(contentTypeOf(operation, { status: 200 })).toBeUndefined();
  expect(contentTypeOf(operation, { status: 400, body: new Uint8Array([1]) })).toBe('application/octet-stream');
  expect(contentTypeOf(operation, { status: 400, body: 'text' })).toBe('text/plain');
  expect(contentTypeOf(undefined, { status: 200, body: 'text' })).toBe('application/json');
  expect(contentTypeOf(operation, { status: 500, body: { a: 1 } })).toBe('application/json');
});

test('send writes JSON as JSON text, text media as given, one content-type header', () => {
  const json = recorder();
  send(json.res, undefined, { status: 201, body: 'hi', headers: { 'content-type': 'application/json', 'x-id': '7' } });
  expect(json.written).toEqual({ status: 201, headers: { 'content-type': 'application/json', 'x-id': '7' }, payload: '"hi"' });
  const text = recorder();
  send(text.res, op({ '200': { content: { 'text/plain': {} } } }), { status: 200, body: 'hi', headers: { 'Content-Type': 'text/plain' } });
  expect(text.written).toEqual({ status: 200, headers: { 'content-type': 'text/plain' }, payload: 'hi' });
  const empty = recorder();
  send(empty.res, undefined, { status: 204 });
  expect(empty.written).toEqual({ status: 204, headers: {}, payload: '' });
  const bytes = recorder();
  const body = new Uint8Array([1, 2]);
  send(bytes.res, undefined, { status: 200, body });
  expect(bytes.written.payload).toBe(body);
});

test('fakeError is a JSON { error, message, ...details }', () => {
  expect(fakeError(404, 'unknown_route', 'No route GET /x', { method: 'GET' })).toEqual({
    status: 404,
    body: { error: 'unknown_route', message: 'No route GET /x', method: 'GET' },
    headers: { 'content-type': 'application/json' },
  });
});
