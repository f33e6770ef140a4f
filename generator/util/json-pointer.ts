/**
 * JSON pointers (RFC 6901): escaping and unescaping one reference token, and pointers built while
 * walking a document. Written once here; every stage that names a place in a document uses it.
 */

/** One key as a pointer token (`~` → `~0`, then `/` → `~1`; that order, RFC 6901 §3). */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One pointer token back to its key (`~1` → `/`, then `~0` → `~`; that order, RFC 6901 §4). */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `base` + one or more keys, each escaped. */
export function childPointer(base: string, ...keys: readonly string[]): string {
  let out = base;
  for (const k of keys) out += `/${escapePointer(k)}`;
  return out;
}
