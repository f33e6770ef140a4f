/** Request bodies by media type: the body sent, its content type (wildcards resolved), replayability. */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { encodeBody, encodePayload } from '../../../../runtime/body/encode.js';

const usage = (description: string) => expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }), description });

describe('encodeBody', () => {
  test('undefined and no files: no body', () => {
    expect(encodeBody({ type: 'json' }, 'application/json', undefined)).toEqual({ body: null, replayable: true });
  });

  test('JSON: the text, the spec key as the type, application/json for none or a wildcard', () => {
    expect(encodeBody({ type: 'json' }, 'application/merge-patch+json', { a: null })).toEqual({
      body: '{"a":null}',
      contentType: 'application/merge-patch+json',
      replayable: true,
    });
    expect(encodeBody({ type: 'json' }, undefined, [1]).contentType).toBe('application/json');
    expect(encodeBody({ type: 'json' }, 'application/*', null)).toEqual({ body: 'null', contentType: 'application/json', replayable: true });
  });

  test('JSON refuses bytes', () => {
    expect(() => encodeBody({ type: 'json' }, undefined, new Uint8Array(1))).toThrow(usage('A JSON body cannot be bytes; pick a binary content type.'));
  });

  test('text: a string as it is, numbers as text, bytes as bytes, objects refused', () => {
    expect(encodeBody({ type: 'text' }, 'text/csv', 'a,b')).toEqual({ body: 'a,b', contentType: 'text/csv', replayable: true });
    expect(encodeBody({ type: 'text' }, 'text/*', 42)).toEqual({ body: '42', contentType: 'text/plain', replayable: true });
    const bytes = new Uint8Array([65]);
    expect(encodeBody({ type: 'text' }, 'text/html', bytes)).toEqual({ body: bytes, contentType: 'text/html', replayable: true });
    expect(() => encodeBody({ type: 'text' }, 'text/csv', { a: 1 })).toThrow(usage('A text/csv body must be a string, not an object.'));
  });

  test('binary: text as UTF-8 bytes; a Blob typed by its own type under a wildcard; streams one-shot', () => {
    const fromText = encodeBody({ type: 'binary' }, 'application/pdf', 'é');
    expect([...(fromText.body as Uint8Array)]).toEqual([0xc3, 0xa9]);
    expect(fromText.contentType).toBe('application/pdf');
    const blob = new Blob(['x'], { type: 'image/png' });
    expect(encodeBody({ type: 'binary' }, '*/*', blob)).toEqual({ body: blob, contentType: 'image/png', replayable: true });
    expect(encodeBody({ type: 'binary' }, undefined, new Blob(['x'])).contentType).toBe('application/octet-stream');
    const stream = Readable.from([]);
    expect(encodeBody({ type: 'binary' }, 'application/octet-stream', stream)).toEqual({
      body: stream,
      contentType: 'application/octet-stream',
      replayable: false,
    });
    expect(() => encodeBody({ type: 'binary' }, undefined, { a: 1 })).toThrow(usage('A binary body must be a Uint8Array, ArrayBuffer, Blob or stream.'));
  });

  test('form: the encoded text under the spec type, the encoding honoured', () => {
    expect(encodeBody({ type: 'form', encoding: { t: { explode: false } } }, undefined, { t: ['a', 'b'], s: 'x y' })).toEqual({
      body: 't=a,b&s=x+y',
      contentType: 'application/x-www-form-urlencoded',
      replayable: true,
    });
  });

  test('multipart: files alone make a body, the subtype kept', async () => {
    const out = encodeBody({ type: 'multipart' }, 'multipart/mixed', undefined, { f: { data: 'z' } });
    expect(out.contentType).toMatch(/^multipart\/mixed; boundary=svc-gen-/);
    expect(out.body?.toString()).toContain('Content-Disposition: form-data; name="f"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\nz\r\n');
  });
});

describe('encodePayload (httpDispatch)', () => {
  test('bytes are typed by contentType, else octet-stream; anything else is JSON', () => {
    expect(encodePayload('"q"', undefined, undefined).body).toBe('"\\"q\\""');
    expect(encodePayload({ a: 1 }, undefined, undefined)).toEqual({ body: '{"a":1}', contentType: 'application/json', replayable: true });
    const bytes = new Uint8Array([1]);
    expect(encodePayload(bytes, undefined, 'image/gif')).toEqual({ body: bytes, contentType: 'image/gif', replayable: true });
    expect(encodePayload(bytes, undefined, undefined).contentType).toBe('application/octet-stream');
  });

  test('files make it multipart/form-data', () => {
    const out = encodePayload({ a: '1' }, { f: { data: 'z' } }, 'application/json');
    expect(out.contentType).toMatch(/^multipart\/form-data; boundary=svc-gen-/);
  });
});
