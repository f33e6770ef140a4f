/**
 * The document handed to openapi-typescript, without cloning it whole. openapi-typescript writes to
 * its input in one place: `scanDiscriminators` patches the schemas a discriminator maps to (pushes
 * onto `allOf`, sets `properties[name]`, pushes onto `required`); and svc-gen's own
 * `typeContentParameters` gives content parameters a `schema`. Everything else is read only. So
 * instead of a `structuredClone` of the whole document (5% of a run on the GitHub spec, plus the
 * garbage), the containers on the way to each node that may be written are copied, and the rest
 * is shared with the document the model reads, which stays as loaded.
 *
 * Limit: a node reachable by two paths (a YAML alias) and patched through both keeps its patches
 * apart (structuredClone would keep the sharing); JSON documents have no shared nodes.
 */
import { type Survey, surveyDocument } from '../load/survey.js';
import { isObject } from '../model/resolve.js';
import { unescapePointer } from '../util/json-pointer.js';
import { inlineBrokenRefs, interiorRefBreaks } from './interior-refs.js';

type Json = Record<string, unknown>;
type Key = string | number;

/** Copies of containers made so far (so each is copied once). */
interface Writer {
  readonly root: Json;
  readonly copies: Set<object>;
}

/**
 * A root sharing every node with `doc` except the ones `typeContentParameters` and `scanDiscriminators`
 * write; those are found in `survey` (load/survey.ts: the one walk of the document), taken when it is
 * of `doc` and made otherwise.
 */
export function writableForTypes(doc: Json, survey?: Survey): Json {
  const facts = survey?.root === doc ? survey : surveyDocument(doc);
  const w: Writer = { root: { ...doc }, copies: new Set() };
  w.copies.add(w.root);
  for (const keys of contentParameters(doc)) own(w, keys);
  for (const keys of discriminatorTargets(doc, facts)) {
    const target = own(w, keys);
    if (!isObject(target)) continue;
    for (const field of ['allOf', 'properties', 'required'] as const) {
      const v = target[field];
      if (typeof v === 'object' && v !== null) target[field] = Array.isArray(v) ? [...v] : { ...v };
    }
  }
  // A ref into a named schema whose indexed access would not compile is typed inline (interior-refs.ts).
  for (const keys of facts.interiorRefs) {
    const ref = at(doc, keys)?.['$ref'];
    if (typeof ref !== 'string' || !interiorRefBreaks(doc, ref)) continue;
    const copy = own(w, keys);
    if (isObject(copy)) inlineBrokenRefs(doc, copy);
  }
  return w.root;
}

/** The object at `keys` below `doc`; undefined when absent or not an object. */
function at(doc: Json, keys: readonly Key[]): Json | undefined {
  let node: unknown = doc;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<Key, unknown>)[key];
  }
  return isObject(node) ? node : undefined;
}

/** The container at `keys` below the writer's root, with it and every container above it copied; undefined when absent. */
function own(w: Writer, keys: readonly Key[]): unknown {
  let node: Json | unknown[] = w.root;
  for (const key of keys) {
    const child: unknown = (node as Record<Key, unknown>)[key];
    if (typeof child !== 'object' || child === null) return undefined;
    if (w.copies.has(child)) {
      node = child as Json;
      continue;
    }
    const copy: Json | unknown[] = Array.isArray(child) ? [...(child as unknown[])] : { ...(child as Json) };
    w.copies.add(copy);
    (node as Record<Key, unknown>)[key] = copy;
    node = copy;
  }
  return node;
}

/** Where `typeContentParameters` (model/params.ts) adds a `schema`: content parameters in paths and components. */
function contentParameters(doc: Json): Key[][] {
  const out: Key[][] = [];
  const scan = (list: unknown, at: Key[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (isObject(p) && p['schema'] === undefined && isObject(p['content'])) out.push([...at, i]);
    });
  };
  const paths = doc['paths'];
  if (isObject(paths)) {
    for (const [route, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      scan(item['parameters'], ['paths', route, 'parameters']);
      for (const [key, op] of Object.entries(item)) if (isObject(op)) scan(op['parameters'], ['paths', route, key, 'parameters']);
    }
  }
  const components = doc['components'];
  if (isObject(components) && isObject(components['parameters'])) {
    for (const [name, p] of Object.entries(components['parameters'])) {
      if (isObject(p) && p['schema'] === undefined && isObject(p['content'])) out.push(['components', 'parameters', name]);
    }
  }
  return out;
}

/**
 * Every node `scanDiscriminators` may patch (a superset is harmless: it is only copied): what the
 * `oneOf` `$ref`s and the `mapping` of each discriminator resolve to, and each object whose `allOf`
 * holds a `$ref`; as key paths, each `$ref` chain followed to its end as openapi-typescript's
 * `resolveRef` does.
 */
function discriminatorTargets(doc: Json, survey: Pick<Survey, 'discriminatorRefs' | 'allOfRefHolders'>): (readonly Key[])[] {
  const out: (readonly Key[])[] = [];
  for (const ref of survey.discriminatorRefs) {
    const keys = chainEnd(doc, refKeys(ref));
    if (keys) out.push(keys);
  }
  for (const keys of survey.allOfRefHolders) {
    const end = chainEnd(doc, keys);
    if (end) out.push(end);
  }
  return out;
}

/** `#/a/b~1c` → keys, as @redocly/openapi-core's `parseRef` reads it (what openapi-typescript resolves with). */
function refKeys(ref: string): Key[] {
  const pointer = ref.split('#/')[1] ?? '';
  return pointer
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(unescapePointer(s));
      } catch {
        return '';
      }
    })
    .filter((s) => s.length > 0);
}

/** Keys of the node `keys` leads to after following `$ref`s from it (cycle-safe); undefined when it does not resolve. */
function chainEnd(doc: Json, start: readonly Key[]): readonly Key[] | undefined {
  const visited = new Set<string>();
  let keys = start;
  for (;;) {
    let node: unknown = doc;
    for (const key of keys) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<Key, unknown>)[key];
    }
    if (!isObject(node) || typeof node['$ref'] !== 'string') return keys;
    const ref = node['$ref'];
    if (visited.has(ref)) return undefined;
    visited.add(ref);
    keys = refKeys(ref);
  }
}
