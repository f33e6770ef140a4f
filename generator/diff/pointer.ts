/**
 * JSON pointers (RFC 6901) built while walking a document: each key escaped once, here.
 */

/** `base` + one or more keys, each escaped (`~` → `~0`, `/` → `~1`). */
export function childPointer(base: string, ...keys: readonly string[]): string {
  let out = base;
  for (const k of keys) out += `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return out;
}
