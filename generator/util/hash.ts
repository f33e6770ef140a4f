/**
 * Content hashing: the manifest, the up-to-date proof and the loader's input hashes all use this.
 */
import { createHash } from 'node:crypto';

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
