/** Media types → the families svc-gen encodes and decodes, and which one is picked by default. */
import { describe, expect, test } from 'vitest';
import { mediaKind, orderRequestMedia, pickRequestMedia, pickResponseMedia } from '../../../../generator/model/media.js';

describe('mediaKind', () => {
  test.each([
    ['application/json', 'json'],
    ['application/problem+json; charset=utf-8', 'json'],
    ['application/vnd.api+json', 'json'],
    ['text/json', 'json'],
    ['*/*', 'json'],
    ['Application/JSON', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['multipart/form-data', 'multipart'],
    ['multipart/mixed', 'multipart'],
    ['application/octet-stream', 'binary'],
    ['image/png', 'binary'],
    ['application/pdf', 'binary'],
    ['text/plain', 'text'],
    ['text/csv', 'text'],
    ['application/xml', 'text'],
  ])('%s → %s', (media, kind) => expect(mediaKind(media)).toBe(kind));
});

test('request: JSON first, then form, multipart, text, binary; the spec order within a family', () => {
  const types = [
    'application/octet-stream',
    'text/plain',
    'multipart/form-data',
    'application/x-www-form-urlencoded',
    'application/json',
    'application/ld+json',
  ];
  expect(pickRequestMedia(types)).toEqual({ media: 'application/json', kind: 'json' });
  expect(
    orderRequestMedia(types.map((media, i) => ({ media, kind: [`binary`, 'text', 'multipart', 'form', 'json', 'json'][i] as never }))).map((e) => e.media),
  ).toEqual(['application/json', 'application/ld+json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/octet-stream']);
  expect(pickRequestMedia([])).toBeUndefined();
});

test('response: JSON, then text, then form, multipart, binary', () => {
  expect(pickResponseMedia(['image/png', 'text/csv'])).toEqual({ media: 'text/csv', kind: 'text' });
  expect(pickResponseMedia(['image/png', 'application/problem+json'])).toEqual({ media: 'application/problem+json', kind: 'json' });
  expect(pickResponseMedia(['application/zip'])).toEqual({ media: 'application/zip', kind: 'binary' });
  expect(pickResponseMedia([])).toBeUndefined();
});
