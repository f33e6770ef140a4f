/** APIException: its log line, its stack's first line, its defaults, its cross-copy brand; the error codes. */
import { expect, test } from 'vitest';
import { APIException, errorCode, GlobalErrorCodes, headerRecord, isOperationError, ResponseTimeoutError } from '../../../runtime/errors.js';

const notFound = () =>
  new APIException({
    statusCode: 404,
    errorCode: { name: 'user_not_found', value: 1404 },
    message: 'Not found',
    description: 'No such\n  user',
    service: 'user',
    operation: 'getUser',
    method: 'GET',
    url: 'http://127.0.0.1:1/users/7?token=secret',
    attempts: 1,
  });

test('toString is one log line: call site, path without query, status, code, description with whitespace folded', () => {
  expect(notFound().toString()).toBe('APIException: user getUser GET /users/7 -> 404 user_not_found: No such user (1 attempt)');
});

test('a bare exception: no call site, the message as description, 0 attempts, empty headers and defaults', () => {
  const e = new APIException({ statusCode: 500, errorCode: errorCode('unknown_error'), message: 'Boom' });
  expect(e.toString()).toBe('APIException: 500 unknown_error: Boom (0 attempts)');
  expect([e.service, e.operation, e.method, e.url, e.attempts, e.body, e.headers, e.retryable]).toEqual(['', '', '', '', 0, undefined, {}, undefined]);
  expect('cause' in e).toBe(false);
});

test('a URL with only an origin logs the path as /', () => {
  const e = new APIException({ statusCode: 502, errorCode: errorCode('transport_error'), message: 'x', url: 'https://h.example?q=1', attempts: 3 });
  expect(e.toString()).toBe('APIException: / -> 502 transport_error: x (3 attempts)');
});

test('relabelStack puts the log line first and keeps the frames', () => {
  const e = notFound();
  expect(e.stack!.split('\n')[0]).toBe('APIException: Not found');
  e.relabelStack();
  const lines = e.stack!.split('\n');
  expect(lines[0]).toBe(e.toString());
  expect(lines[1]).toMatch(/^\s+at /);
});

test('the body, headers (lower-cased, repeats joined), cause and retryable are kept', () => {
  const cause = new Error('socket');
  const e = new APIException({
    statusCode: 429,
    errorCode: errorCode('throttled'),
    message: 'slow down',
    body: { detail: 'later' },
    headers: { 'Retry-After': '3', 'Set-Cookie': ['a=1', 'b=2'], gone: undefined },
    cause,
    retryable: false,
  });
  expect(e.body).toEqual({ detail: 'later' });
  expect(e.headers).toEqual({ 'retry-after': '3', 'set-cookie': 'a=1, b=2' });
  expect(e.cause).toBe(cause);
  expect(e.retryable).toBe(false);
  expect(Object.keys(e)).toContain('retryable');
});

test('instanceof holds for any object with the Symbol.for brand (a second copy of the package), not for look-alikes', () => {
  const otherCopy = Object.defineProperty(new Error('x'), Symbol.for('svc-gen.APIException'), { value: true });
  expect(otherCopy instanceof APIException).toBe(true);
  expect({ statusCode: 404, errorCode: errorCode('not_found') } instanceof APIException).toBe(false);
  expect(new Error('x') instanceof APIException).toBe(false);
  expect((null as unknown) instanceof APIException).toBe(false);
});

test('isOperationError matches service and operation both', () => {
  const e = notFound();
  expect([isOperationError(e, 'user', 'getUser'), isOperationError(e, 'user', 'listUsers'), isOperationError(e, 'order', 'getUser')]).toEqual([
    true,
    false,
    false,
  ]);
  expect(isOperationError(new Error('x'), 'user', 'getUser')).toBe(false);
});

test('ResponseTimeoutError is a 503 service_timeout saying the timeout, and an APIException', () => {
  const e = new ResponseTimeoutError({ timeoutMs: 250, service: 'user', attempts: 2 });
  expect(e.toString()).toBe('ResponseTimeoutError: user -> 503 service_timeout: No complete response within 250 ms. (2 attempts)');
  expect([e instanceof APIException, e instanceof ResponseTimeoutError, notFound() instanceof ResponseTimeoutError]).toEqual([true, true, false]);
});

test('GlobalErrorCodes: Insanic numbers, unique, all in the 999xxx range', () => {
  expect([
    GlobalErrorCodes.authentication_credentials_missing,
    GlobalErrorCodes.not_found,
    GlobalErrorCodes.service_timeout,
    GlobalErrorCodes.unknown_error,
  ]).toEqual([999001, 999404, 999604, 999999]);
  const values = Object.values(GlobalErrorCodes);
  expect(new Set(values).size).toBe(values.length);
  for (const v of values) expect(v).toBeGreaterThanOrEqual(999000);
  expect(errorCode('contract_violation')).toEqual({ name: 'contract_violation', value: 999670 });
  expect(headerRecord({ A: 1 as unknown as string })).toEqual({ a: '1' });
});
