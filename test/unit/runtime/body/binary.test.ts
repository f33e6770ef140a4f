/** What counts as bytes, their wire form (no copy) and whether a retry could send them again. */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { blobType, discardBody, isBinaryBody, isStreamBody, wireBinary } from '../../../../runtime/body/binary.js';

describe('isBinaryBody / isStreamBody', () => {
  test.each([
    ['Uint8Array', new Uint8Array(1), true, false],
    ['DataView', new DataView(new ArrayBuffer(2)), true, false],
    ['ArrayBuffer', new ArrayBuffer(1), true, false],
    ['Blob', new Blob(['x']), true, false],
    ['web ReadableStream', new ReadableStream(), true, true],
    ['Node Readable', Readable.from([]), true, true],
    ['string', 'abc', false, false],
    ['plain object', { pipe: 1, on: 1 }, false, false],
    ['null', null, false, false],
  ])('%s: binary %s, stream %s', (_name, value, binary, stream) => {
    expect(isBinaryBody(value)).toBe(binary);
    expect(isStreamBody(value)).toBe(stream);
  });
});

describe('wireBinary', () => {
  test('a Uint8Array is sent as it is', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(wireBinary(bytes)).toEqual({ body: bytes, replayable: true });
    expect(wireBinary(bytes).body).toBe(bytes);
  });

  test('another view is re-viewed over the same memory, offset and length kept', () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4]).buffer;
    const { body, replayable } = wireBinary(new DataView(buffer, 1, 3));
    expect(replayable).toBe(true);
    expect(body).toBeInstanceOf(Uint8Array);
    expect([...(body as Uint8Array)]).toEqual([1, 2, 3]);
    expect((body as Uint8Array).buffer).toBe(buffer);
  });

  test('an ArrayBuffer is viewed, a Blob is kept, a stream is one-shot', () => {
    const buffer = new Uint8Array([9]).buffer;
    expect([...(wireBinary(buffer).body as Uint8Array)]).toEqual([9]);
    const blob = new Blob(['b']);
    expect(wireBinary(blob)).toEqual({ body: blob, replayable: true });
    const stream = Readable.from([]);
    expect(wireBinary(stream)).toEqual({ body: stream, replayable: false });
  });
});

describe('discardBody', () => {
  test('destroys a Node stream and cancels a web stream', async () => {
    const node = Readable.from(['x']);
    discardBody(node);
    expect(node.destroyed).toBe(true);
    let cancelled = false;
    const web = new ReadableStream({ cancel: () => void (cancelled = true) });
    discardBody(web);
    await Promise.resolve();
    expect(cancelled).toBe(true);
  });

  test('leaves bytes and a locked stream alone', () => {
    const web = new ReadableStream();
    web.getReader();
    expect(() => discardBody(web)).not.toThrow();
    expect(() => discardBody(new Uint8Array(1))).not.toThrow();
    expect(() => discardBody(null)).not.toThrow();
  });
});

describe('blobType', () => {
  test('the declared type of a Blob only', () => {
    expect(blobType(new Blob([], { type: 'image/png' }))).toBe('image/png');
    expect(blobType(new Blob([]))).toBeUndefined();
    expect(blobType('image/png')).toBeUndefined();
  });
});
