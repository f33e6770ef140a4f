/**
 * A `$ref` into the inside of a named schema (`#/components/schemas/Config/properties/disks/items`,
 * as Linode's spec has) is printed by openapi-typescript as an indexed access that drops the
 * `properties` segments: `components["schemas"]["Config"]["disks"]["items"]`. That compiles only
 * while every step is a required property: `disks` optional makes it `T[] | undefined`, and `items`
 * is no property of an array (TS2339). Such a ref is typed as the schema it points at instead: the
 * types step's copy of the document (types-input.ts) gets a copy of the target in the ref's place,
 * so it prints inline, the same type. Refs whose indexed access compiles are left as they are.
 */
import { deref, isObject, resolvePointer } from '../model/resolve.js';
import { unescapePointer } from '../util/json-pointer.js';

type Json = Record<string, unknown>;

/** True for a `#/components/schemas/<name>/...` ref whose printed indexed access would not compile. */
export function interiorRefBreaks(doc: Json, ref: string): boolean {
  const tokens = ref.split('/').map((t) => {
    try {
      return decodeURIComponent(unescapePointer(t));
    } catch {
      return t;
    }
  });
  if (tokens[0] !== '#' || tokens[1] !== 'components' || tokens[2] !== 'schemas' || tokens.length <= 4) return false;
  let schema = deref(doc, resolvePointer(doc, `#/components/schemas/${ref.split('/')[3] ?? ''}`));
  let maybeUndefined = false;
  for (let i = 4; i < tokens.length; i++) {
    // Indexing `T | undefined` (an optional property's type) any further does not compile.
    if (maybeUndefined || !schema) return true;
    const token = tokens[i];
    if (token === 'properties' && i + 1 < tokens.length) {
      const name = tokens[++i] as string;
      const properties = isObject(schema['properties']) ? schema['properties'] : {};
      maybeUndefined = !(Array.isArray(schema['required']) && schema['required'].includes(name));
      schema = deref(doc, properties[name]);
      continue;
    }
    // `additionalProperties` indexes the record's string index signature; anything else (`items`,
    // `allOf/0`, ...) names a property the printed type does not have.
    if (token !== 'additionalProperties') return true;
    schema = deref(doc, schema['additionalProperties']);
  }
  return false;
}

/**
 * Replaces, in `node` (a copy the caller owns) and below it, each `$ref` for which
 * `interiorRefBreaks` holds by a copy of its target. `inlining` holds the refs being copied on the
 * way here: a target that contains a ref to itself keeps that ref (copying it would never end).
 */
export function inlineBrokenRefs(doc: Json, node: Json, inlining: ReadonlySet<string> = new Set()): void {
  const ref = node['$ref'];
  let inside = inlining;
  if (typeof ref === 'string' && !inlining.has(ref) && interiorRefBreaks(doc, ref)) {
    const target = resolvePointer(doc, ref);
    if (isObject(target)) {
      delete node['$ref'];
      Object.assign(node, structuredClone(target));
      inside = new Set(inlining).add(ref);
    }
  }
  for (const key in node) visitChildren(doc, node[key], inside);
}

function visitChildren(doc: Json, value: unknown, inlining: ReadonlySet<string>): void {
  if (Array.isArray(value)) for (const item of value) visitChildren(doc, item, inlining);
  else if (isObject(value)) inlineBrokenRefs(doc, value, inlining);
}
