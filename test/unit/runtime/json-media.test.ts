/** One JSON rule for response decoding, form fields and contract checks. */
import { describe, expect, test } from 'vitest';
import { isJsonMedia } from '../../../runtime/json-media.js';

describe('isJsonMedia', () => {
  test.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/problem+json', true],
    ['application/vnd.api+json', true],
    ['text/x+json', true],
    ['application/jsonl', false],
    ['application/json-seq', false],
    ['text/plain', false],
    ['application/*', false],
    [undefined, false],
  ])('%s → %s', (media, want) => {
    expect(isJsonMedia(media)).toBe(want);
  });
});
