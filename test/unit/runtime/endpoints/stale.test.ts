/** A stale keep-alive socket: only a close or reset, before the response, on a socket that had read bytes. */
import { expect, test } from 'vitest';
import { isStaleSocketFailure, markBeforeResponse } from '../../../../runtime/endpoints/stale.js';
import { codedError } from '../../../helpers/outgoing.js';

const reused = <E extends object>(e: E): E => Object.defineProperty(e, Symbol.for('svc-gen.reusedSocket'), { value: true });

test.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])('%s on a reused socket before the response is stale', (code) => {
  const e = reused(codedError(code));
  markBeforeResponse(e);
  expect(isStaleSocketFailure(e)).toBe(true);
});

test('the same error without the before-response mark is not stale (the server may have seen the request)', () => {
  expect(isStaleSocketFailure(reused(codedError('ECONNRESET')))).toBe(false);
});

test('a fresh socket is not stale, unless undici says its socket had read bytes', () => {
  const fresh = codedError('ECONNRESET');
  markBeforeResponse(fresh);
  expect(isStaleSocketFailure(fresh)).toBe(false);
  const undici = Object.assign(codedError('UND_ERR_SOCKET'), { socket: { bytesRead: 120 } });
  markBeforeResponse(undici);
  expect(isStaleSocketFailure(undici)).toBe(true);
  const undiciFresh = Object.assign(codedError('UND_ERR_SOCKET'), { socket: { bytesRead: 0 } });
  markBeforeResponse(undiciFresh);
  expect(isStaleSocketFailure(undiciFresh)).toBe(false);
});

test('other codes (a parser error, a refusal) are never stale', () => {
  for (const code of ['HPE_INVALID_CONSTANT', 'ECONNREFUSED', 'UND_ERR_SOCKET_X']) {
    const e = reused(codedError(code));
    markBeforeResponse(e);
    expect(isStaleSocketFailure(e)).toBe(false);
  }
});

test('non-objects and frozen errors are handled without throwing', () => {
  expect([isStaleSocketFailure(null), isStaleSocketFailure('ECONNRESET'), isStaleSocketFailure(undefined)]).toEqual([false, false, false]);
  const frozen = Object.freeze(codedError('ECONNRESET'));
  expect(() => markBeforeResponse(frozen)).not.toThrow();
  expect(() => markBeforeResponse(42)).not.toThrow();
  expect(isStaleSocketFailure(frozen)).toBe(false);
});
