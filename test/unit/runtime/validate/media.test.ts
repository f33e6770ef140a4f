/** Matching bodies to the spec: a content type to a declared media, a status to a declared response. */
import { describe, expect, test } from 'vitest';
import type { ContractOperation } from '../../../../runtime/validate/contract.js';
import { pickMedia, responseKey } from '../../../../runtime/validate/media.js';

describe('responseKey', () => {
  const op = (keys: string[]): ContractOperation => ({
    operationId: 'o',
    method: 'GET',
    path: '/',
    parameters: [],
    responses: Object.fromEntries(keys.map((k) => [k, {}])),
  });
  test.each([
    [['200', '2XX', 'default'], 200, '200'],
    [['2XX', 'default'], 204, '2XX'],
    [['200', 'default'], 404, 'default'],
    [['200', '4XX'], 500, undefined],
  ])('%j, %i → %s', (keys, status, want) => {
    expect(responseKey(op(keys), status)).toBe(want);
  });
});

describe('pickMedia', () => {
  const content = { 'text/csv': {}, 'image/*': {}, 'application/problem+json': {}, 'application/json': {} };
  test.each([
    ['TEXT/CSV; charset=utf-8', 'text/csv'],
    ['image/png', 'image/*'],
    ['application/json', 'application/json'],
    ['application/vnd.x+json', 'application/problem+json'],
    [undefined, 'application/problem+json'],
    ['video/mp4', undefined],
  ])('%s → %s', (contentType, want) => {
    expect(pickMedia(content, contentType)?.[0]).toBe(want);
  });

  test('*/* takes any content type', () => {
    expect(pickMedia({ '*/*': {} }, 'video/mp4')?.[0]).toBe('*/*');
  });
});
