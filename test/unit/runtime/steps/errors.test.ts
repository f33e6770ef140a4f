/**
 * Error mapping, the outermost step, with an injected `next`: which statuses are thrown, how a
 * thrown value becomes an APIException (transport, usage, attempt timeout, unknown), how an error
 * body is read (Insanic's shape, problem+json, text), and what checkSendable refuses.
 */
import { describe, expect, test } from 'vitest';
import { APIException } from '../../../../runtime/errors.js';
import { AttemptTimeoutError } from '../../../../runtime/steps/attempt.js';
import { checkSendable, isTransportError, isUsageError, mapErrors, mustThrow, responseException, toAPIException } from '../../../../runtime/steps/errors.js';
import { codedError, outgoingRequest, response, scripted } from '../../../helpers/outgoing.js';

describe('mustThrow', () => {
  test.each([
    [200, false, false],
    [204, true, false],
    [304, false, false],
    [301, false, true],
    [307, false, true],
    [404, false, false],
    [404, true, true],
    [400, true, true],
    [429, false, true],
    [500, false, true],
    [503, false, true],
  ])('%i with propagateError %s → %s', (status, propagate, want) => expect(mustThrow(status, propagate)).toBe(want));
});

describe('isTransportError / isUsageError', () => {
  test.each([
    ['ECONNREFUSED', true, false],
    ['ECONNRESET', true, false],
    ['UND_ERR_SOCKET', true, false],
    ['HPE_INVALID_CONSTANT', true, false],
    ['UND_ERR_ABORTED', false, false],
    ['ABORT_ERR', false, false],
    ['UND_ERR_INVALID_ARG', false, true],
    ['UND_ERR_NOT_SUPPORTED', false, true],
    ['ERR_SOMETHING_ELSE', false, false],
  ])('%s: transport %s, usage %s', (code, transport, usage) => {
    expect([isTransportError(codedError(code)), isUsageError(codedError(code))]).toEqual([transport, usage]);
  });
  test('an HTTPParserError without a code is a transport error; a plain Error is not', () => {
    expect(isTransportError(Object.assign(new Error('bad'), { name: 'HTTPParserError' }))).toBe(true);
    expect(isTransportError(new Error('plain'))).toBe(false);
  });
});

describe('toAPIException', () => {
  test('connection refused: 503 service_unavailable, the code and message in the description', () => {
    const e = toAPIException(codedError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'));
    expect([e.statusCode, e.errorCode.name, e.description]).toEqual([503, 'service_unavailable', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1']);
  });
  test('a parser error: 503 transport_error', () => {
    expect(toAPIException(codedError('HPE_INVALID_CONSTANT')).errorCode.name).toBe('transport_error');
  });
  test("undici's refusal: 500 invalid_usage, cause kept", () => {
    const cause = codedError('UND_ERR_INVALID_ARG', 'invalid connection header');
    const e = toAPIException(cause);
    expect([e.statusCode, e.errorCode.name, e.cause]).toEqual([500, 'invalid_usage', cause]);
  });
  test('an attempt timeout: 503 service_timeout with its own time', () => {
    const e = toAPIException(new AttemptTimeoutError(250));
    expect([e.statusCode, e.errorCode.name, e.description]).toEqual([
      503,
      'service_timeout',
      'No complete response to the attempt within attemptTimeout (250 ms).',
    ]);
  });
  test('anything else: 500 unknown_error; an APIException passes through as is', () => {
    const bug = new TypeError('x is not a function');
    expect(toAPIException(bug)).toMatchObject({ statusCode: 500, errorCode: { name: 'unknown_error' }, description: 'x is not a function', cause: bug });
    const given = toAPIException(bug);
    expect(toAPIException(given)).toBe(given);
  });
});

describe('responseException', () => {
  const jsonResponse = (status: number, body: unknown, headers = {}) =>
    response(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
  test("Insanic's error body: its message, description and error code", () => {
    const e = responseException(jsonResponse(409, { message: 'Taken', description: 'The name is taken.', error_code: { name: 'name_taken', value: 1234 } }));
    expect([e.statusCode, e.message, e.description, e.errorCode]).toEqual([409, 'Taken', 'The name is taken.', { name: 'name_taken', value: 1234 }]);
  });
  test('problem+json: title and detail', () => {
    const e = responseException(jsonResponse(422, { title: 'Invalid', detail: 'age must be positive' }));
    expect([e.message, e.description, e.errorCode.name]).toEqual(['Invalid', 'age must be positive', 'unknown_error']);
  });
  test('a text body is the description; a body claiming JSON that is not keeps its text', () => {
    expect(responseException(response(500, { 'content-type': 'text/plain' }, 'boom')).description).toBe('boom');
    expect(responseException(response(502, { 'content-type': 'application/json' }, '<html>')).body).toBe('<html>');
  });
  test('a 3xx: redirect_not_followed naming the location', () => {
    const e = responseException(response(302, { location: 'http://elsewhere/' }));
    expect([e.errorCode.name, e.description]).toEqual([
      'redirect_not_followed',
      'The service answered 302 to http://elsewhere/; service calls never follow redirects.',
    ]);
  });
});

describe('mapErrors', () => {
  test('a 503 answer leaves as an APIException carrying where the call went', async () => {
    const request = outgoingRequest({ attempts: 3 });
    const error = await mapErrors(scripted(503))(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, service: 'user', operation: 'getUsers', method: 'GET', url: 'http://127.0.0.1:1/users', attempts: 3 });
  });
  test('a 404 is returned unless propagateError; returnEveryStatus returns even a 500', async () => {
    expect((await mapErrors(scripted(404))(outgoingRequest())).status).toBe(404);
    await expect(mapErrors(scripted(404))(outgoingRequest({ propagateError: true }))).rejects.toMatchObject({ statusCode: 404 });
    expect((await mapErrors(scripted(500))(outgoingRequest({ returnEveryStatus: true }))).status).toBe(500);
  });
  test('a thrown transport error leaves as 503 service_unavailable', async () => {
    await expect(mapErrors(scripted(codedError('ECONNRESET')))(outgoingRequest())).rejects.toMatchObject({
      statusCode: 503,
      errorCode: { name: 'service_unavailable' },
      service: 'user',
    });
  });
});

describe('checkSendable', () => {
  test.each(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'proxy-connection'])('hop-by-hop %s is refused', (name) => {
    expect(() => checkSendable({ [name]: 'x' })).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }) }));
  });
  test('a value outside Latin-1 is refused naming its code point; Latin-1 and tab pass', () => {
    expect(() => checkSendable({ 'x-name': 'caf\u00e9\tok' })).not.toThrow();
    expect(() => checkSendable({ 'x-name': 'snow \u2603' })).toThrow(
      expect.objectContaining({ description: expect.stringContaining('Header x-name contains U+2603') }),
    );
  });
});
