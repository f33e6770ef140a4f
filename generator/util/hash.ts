/**
 * Content hashing: the manifest, the up-to-date proof and the loader's input hashes all use this.
 */
import { createHash } from 'node:crypto';

/** Hex sha256 of a string (of its UTF-8 encoding), or of bytes. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
