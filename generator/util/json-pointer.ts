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

/**
 * A lookup of the pointer where each node of `doc` is first found (document order), for the rare
 * report that names a node the walk that found it did not locate. Built by one iterative walk when
 * called; a node not in `doc` gets `''`.
 */
export function pointerIndex(doc: object): (node: object | undefined) => string {
  const index = new Map<object, { readonly parent: object | undefined; readonly key: string }>();
  const stack: [object, object | undefined, string][] = [[doc, undefined, '']];
  while (stack.length > 0) {
    const [node, parent, key] = stack.pop() as [object, object | undefined, string];
    if (index.has(node)) continue;
    index.set(node, { parent, key });
    // Pushed in reverse, so each node is indexed where it is first found in document order.
    for (const [k, v] of Object.entries(node).reverse()) if (typeof v === 'object' && v !== null) stack.push([v, node, k]);
  }
  return (node) => {
    const keys: string[] = [];
    for (let at = node ? index.get(node) : undefined; at?.parent; at = index.get(at.parent)) keys.push(`/${escapePointer(at.key)}`);
    return keys.reverse().join('');
  };
}
