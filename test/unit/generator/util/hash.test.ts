/** sha256 as hex: the FIPS 180-2 test vectors. */
import { expect, test } from 'vitest';
import { sha256 } from '../../../../generator/util/hash.js';

test.each([
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
])('sha256(%j)', (text, want) => expect(sha256(text)).toBe(want));

test('text is hashed as UTF-8', () => {
  expect(sha256('é')).not.toBe(sha256('\u00e9'.normalize('NFD')));
});
