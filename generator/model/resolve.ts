/**
 * Internal `$ref` lookup in a bundled document (after bundling every ref is `#/...`).
 * Used by the model to see through referenced path items, parameters, bodies and responses.
 */
import { unescapePointer } from '../util/json-pointer.js';

type Json = Record<string, unknown>;

/** True for a plain (non-array) object. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves `#/a/b~1c` against `doc`; undefined when it does not resolve. */
export function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  // `#/a/b` splits into `#`, `a`, `b`; tokens are decoded and unescaped only when they need it (most do not).
  const tokens = ref.split('/');
  for (let i = 1; i < tokens.length; i++) {
    let key = tokens[i] as string;
    if (key.includes('%')) key = decodeURIComponent(key);
    if (key.includes('~')) key = unescapePointer(key);
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Follows `$ref` chains (cycle-safe) to the first object that is not a reference. */
export function deref(doc: Json, value: unknown): Json | undefined {
  const seen = new Set<string>();
  let node = value;
  while (isObject(node) && typeof node['$ref'] === 'string') {
    const ref = node['$ref'];
    if (seen.has(ref)) return undefined;
    seen.add(ref);
    node = resolvePointer(doc, ref);
  }
  return isObject(node) ? node : undefined;
}
