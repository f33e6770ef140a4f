/** Every APIException the runtime builds itself: status, error code, message, description, retryable, cause. */
import { describe, expect, test } from 'vitest';
import { APIException } from '../../../runtime/errors.js';
import * as failures from '../../../runtime/failures.js';

const fields = (e: APIException) => ({
  statusCode: e.statusCode,
  errorCode: e.errorCode.name,
  message: e.message,
  description: e.description,
  retryable: e.retryable,
});

describe('failures, one row per builder', () => {
  const cause = Object.assign(new Error('boom'), { code: 'ECONNRESET' });
  test.each([
    [
      'responseTooLarge, decoded',
      failures.responseTooLarge(10, 11, true, {}),
      502,
      'response_too_large',
      'Response too large',
      'The response body (decompressed) reached 11 bytes, over maxResponseBytes (10); the connection was closed.',
      false,
    ],
    [
      'responseTooLarge, raw',
      failures.responseTooLarge(10, 12, false, {}),
      502,
      'response_too_large',
      'Response too large',
      'The response body reached 12 bytes, over maxResponseBytes (10); the connection was closed.',
      false,
    ],
    [
      'unsupportedCoding (name cut at 40)',
      failures.unsupportedCoding(`zstd${'x'.repeat(50)}`, {}),
      502,
      'client_payload_error',
      'Invalid response body',
      `The response uses content-encoding "zstd${'x'.repeat(36)}"; only gzip, deflate and br are decoded.`,
      false,
    ],
    [
      'badCoding',
      failures.badCoding(new Error('incorrect header check'), {}),
      502,
      'client_payload_error',
      'Invalid response body',
      'The response body does not decode as its content-encoding says: incorrect header check',
      undefined,
    ],
    ['bodyIdle', failures.bodyIdle(250), 503, 'service_timeout', 'Service timed out', 'No response body bytes for 250 ms (bodyIdleTimeout).', undefined],
    ['invalidUsage', failures.invalidUsage('no'), 500, 'invalid_usage', 'Invalid usage', 'no', undefined],
    ['invalidUrl', failures.invalidUrl('bad'), 500, 'invalid_url', 'Invalid URL', 'bad', undefined],
    ['cancelled', failures.cancelled(cause), 499, 'request_cancelled', 'Request cancelled', 'The caller aborted the call.', undefined],
    [
      'circuitOpen',
      failures.circuitOpen('user'),
      503,
      'circuit_open',
      'Circuit open',
      'Calls to "user" are failing; the circuit is open and no request was sent.',
      undefined,
    ],
    [
      'payloadError',
      failures.payloadError(new SyntaxError('Unexpected token')),
      502,
      'client_payload_error',
      'Invalid response body',
      'The response claims JSON but does not parse: Unexpected token',
      undefined,
    ],
    [
      'transportFailure, unavailable',
      failures.transportFailure(cause, 'ECONNREFUSED', '', true),
      503,
      'service_unavailable',
      'Service unavailable',
      'ECONNREFUSED: boom',
      undefined,
    ],
    [
      'transportFailure, with a cause code',
      failures.transportFailure(cause, 'UND_ERR_SOCKET', 'ECONNRESET', false),
      503,
      'transport_error',
      'Transport error',
      'UND_ERR_SOCKET (ECONNRESET): boom',
      undefined,
    ],
    [
      'usageException',
      failures.usageException(new Error('invalid header')),
      500,
      'invalid_usage',
      'Invalid usage',
      'The request cannot be sent: invalid header',
      undefined,
    ],
    [
      'redirectNotFollowed',
      failures.redirectNotFollowed(302, '/elsewhere', null, {}),
      302,
      'redirect_not_followed',
      'Redirect not followed',
      'The service answered 302 to /elsewhere; service calls never follow redirects.',
      undefined,
    ],
    [
      'redirectNotFollowed, no location',
      failures.redirectNotFollowed(301, undefined, null, {}),
      301,
      'redirect_not_followed',
      'Redirect not followed',
      'The service answered 301; service calls never follow redirects.',
      undefined,
    ],
    ['unknownError of a non-Error', failures.unknownError('str'), 500, 'unknown_error', 'Unknown error', 'str', undefined],
    [
      'errorResponse without a code',
      failures.errorResponse(418, undefined, 'Teapot', 'short and stout', {}, {}),
      418,
      'unknown_error',
      'Teapot',
      'short and stout',
      undefined,
    ],
  ] as const)('%s', (_name, error, statusCode, errorCode, message, description, retryable) => {
    expect(error).toBeInstanceOf(APIException);
    expect(fields(error)).toEqual({ statusCode, errorCode, message, description, retryable });
  });

  test('the cause is kept where there is one', () => {
    expect(failures.cancelled(cause).cause).toBe(cause);
    expect(failures.unknownError(cause).cause).toBe(cause);
    expect(failures.transportFailure(cause, 'X', '', false).cause).toBe(cause);
  });
});

describe('tlsFailure', () => {
  test('not a TLS error: undefined', () => {
    expect(failures.tlsFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), false)).toBeUndefined();
    expect(failures.tlsFailure(undefined, false)).toBeUndefined();
  });

  test('a TLS code found up to two causes deep; never retried', () => {
    const inner = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const outer = new Error('fetch failed', { cause: new Error('socket', { cause: inner }) });
    expect(fields(failures.tlsFailure(outer, false) as APIException)).toEqual({
      statusCode: 503,
      errorCode: 'transport_error',
      message: 'Transport error',
      description: 'TLS DEPTH_ZERO_SELF_SIGNED_CERT: fetch failed.',
      retryable: false,
    });
    const tooDeep = new Error('a', { cause: new Error('b', { cause: new Error('c', { cause: inner }) }) });
    expect(failures.tlsFailure(tooDeep, false)).toBeUndefined();
  });

  test('ALPN failures say which switch to turn', () => {
    const alpn = Object.assign(new Error('no protocol'), { code: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL' });
    expect(failures.tlsFailure(alpn, false)?.description).toBe(
      'TLS ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: no protocol. The server offers no protocol we asked for: if it speaks only HTTP/2, set `http2: true` for this service.',
    );
    expect(failures.tlsFailure(alpn, true)?.description).toBe(
      'TLS ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: no protocol. The server accepts neither h2 nor http/1.1.',
    );
  });
});

describe('contractException', () => {
  const v = { service: 'user', operation: 'getUser', status: undefined, pointer: '/query/limit', message: '/query/limit must be integer' } as const;
  test('400 for a request never sent, every message joined, the violations as the body', () => {
    const violations = [
      { ...v, direction: 'request' as const },
      { ...v, direction: 'request' as const, pointer: '/path/id', message: '/path/id is required' },
    ];
    const e = failures.contractException(violations);
    expect(fields(e)).toEqual({
      statusCode: 400,
      errorCode: 'contract_violation',
      message: 'Contract violation',
      description: 'user.getUser request: /query/limit must be integer; /path/id is required',
      retryable: undefined,
    });
    expect(e.body).toBe(violations);
  });

  test('502 for a response', () => {
    expect(failures.contractException([{ ...v, direction: 'response', status: 200 }]).statusCode).toBe(502);
  });
});

test('expiredRequestBody is Insanic-shaped JSON', () => {
  expect(JSON.parse(failures.expiredRequestBody())).toEqual({
    message: 'Service timed out',
    description: 'The request arrived after its deadline; it was not processed.',
    error_code: { name: 'service_timeout', value: expect.any(Number) },
  });
});
