/**
 * One schema as the comparison sees it: `$ref`s followed (the pointer becomes the target's, so a
 * schema moved to another component or shared file compares equal), `allOf` merged, `type` arrays,
 * `nullable` and `null` enum members folded into one `nullable` flag.
 */
import { isObject, resolvePointer } from '../model/resolve.js';
import { childPointer } from '../util/json-pointer.js';

type Json = Record<string, unknown>;

/** A sub-schema and where it is. */
export interface Located {
  readonly schema: unknown;
  readonly pointer: string;
}

/** What the comparison reads of one schema. */
export interface SchemaView {
  readonly pointer: string;
  /** Target of the last `$ref` followed to get here (memo key); undefined for an inline schema. */
  readonly ref: string | undefined;
  /** JSON types (without null); undefined when the schema allows any type. */
  readonly types: ReadonlySet<string> | undefined;
  readonly nullable: boolean;
  readonly format: string | undefined;
  /** Enum values as JSON text (null removed); undefined when there is no enum. */
  readonly enum: readonly string[] | undefined;
  readonly properties: ReadonlyMap<string, Located>;
  readonly required: ReadonlySet<string>;
  readonly items: Located | undefined;
  readonly additional: Located | undefined;
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  /** `oneOf` / `anyOf` branches (of the schema itself, not of `allOf` members). */
  readonly oneOf: readonly Located[] | undefined;
  readonly anyOf: readonly Located[] | undefined;
  /** Numeric bounds present: maximum, minimum, maxLength, minLength, maxItems, minItems. */
  readonly bounds: Readonly<Record<string, number>>;
}

/** The bound keywords the comparison reads. */
export const BOUNDS = ['maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems'] as const;

/** Resolved `$ref` targets per document: a big spec refers to the same few hundred schemas thousands of times. */
const targets = new WeakMap<Json, Map<string, unknown>>();

function resolveCached(doc: Json, ref: string): unknown {
  let cache = targets.get(doc);
  if (!cache) targets.set(doc, (cache = new Map()));
  if (!cache.has(ref)) cache.set(ref, resolvePointer(doc, ref));
  return cache.get(ref);
}

/** Follows `$ref` chains; returns the node and its pointer (cycle-safe: a loop of refs ends as `{}`). */
export function follow(doc: Json, node: unknown, pointer: string): { node: Json; pointer: string; ref: string | undefined } {
  let ref: string | undefined;
  let seen: Set<string> | undefined;
  while (isObject(node) && typeof node['$ref'] === 'string') {
    const target = node['$ref'];
    seen ??= new Set();
    if (seen.has(target)) return { node: {}, pointer, ref };
    seen.add(target);
    ref = target.slice(1);
    pointer = ref;
    node = resolveCached(doc, target);
  }
  return { node: isObject(node) ? node : {}, pointer, ref };
}

/** Builds the view of `schema` (at `pointer`) in `doc`. */
export function viewOf(doc: Json, schema: unknown, pointer: string): SchemaView {
  const top = follow(doc, schema, pointer);
  const parts: { node: Json; pointer: string }[] = [];
  collectAllOf(doc, top.node, top.pointer, parts, new Set(), 0);
  let types: Set<string> | undefined;
  let nullable = false;
  let format: string | undefined;
  let enumValues: string[] | undefined;
  const properties = new Map<string, Located>();
  const required = new Set<string>();
  let items: Located | undefined;
  let additional: Located | undefined;
  let readOnly = false;
  let writeOnly = false;
  const bounds: Record<string, number> = {};
  for (const { node, pointer: at } of parts) {
    for (const b of BOUNDS) if (typeof node[b] === 'number') bounds[b] = node[b];
    const t = typesOf(doc, node);
    if (t.types) types = types ? new Set([...types].filter((x) => t.types?.has(x))) : new Set(t.types);
    if (t.nullable) nullable = true;
    if (node['nullable'] === true) nullable = true;
    if (typeof node['format'] === 'string') format = node['format'];
    const values = Array.isArray(node['enum']) ? node['enum'] : 'const' in node ? [node['const']] : undefined;
    if (values) {
      if (values.includes(null)) nullable = true;
      enumValues = values.filter((v) => v !== null).map((v) => JSON.stringify(v));
    }
    if (isObject(node['properties'])) {
      for (const [name, s] of Object.entries(node['properties'])) properties.set(name, { schema: s, pointer: childPointer(at, 'properties', name) });
    }
    if (Array.isArray(node['required'])) for (const r of node['required']) if (typeof r === 'string') required.add(r);
    if (node['items'] !== undefined && !Array.isArray(node['items'])) items = { schema: node['items'], pointer: childPointer(at, 'items') };
    if (isObject(node['additionalProperties'])) additional = { schema: node['additionalProperties'], pointer: childPointer(at, 'additionalProperties') };
    if (node['readOnly'] === true) readOnly = true;
    if (node['writeOnly'] === true) writeOnly = true;
  }
  if (!types && properties.size > 0) types = new Set(['object']);
  if (!types && items) types = new Set(['array']);
  return {
    pointer: top.pointer,
    ref: top.ref,
    types,
    nullable,
    format,
    enum: enumValues,
    properties,
    required,
    items,
    additional,
    readOnly,
    writeOnly,
    bounds,
    oneOf: branches(top.node, top.pointer, 'oneOf'),
    anyOf: branches(top.node, top.pointer, 'anyOf'),
  };
}

/** The node and every `allOf` member below it (refs followed), each once. */
function collectAllOf(doc: Json, node: Json, pointer: string, out: { node: Json; pointer: string }[], seen: Set<string>, depth: number): void {
  if (seen.has(pointer) || depth > 32) return;
  seen.add(pointer);
  out.push({ node, pointer });
  if (!Array.isArray(node['allOf'])) return;
  node['allOf'].forEach((member, i) => {
    const m = follow(doc, member, childPointer(pointer, 'allOf', String(i)));
    collectAllOf(doc, m.node, m.pointer, out, seen, depth + 1);
  });
}

/** `type` (string or 3.1 array) or, failing that, the union of `oneOf`/`anyOf` branches' types. */
function typesOf(doc: Json, node: Json): { types: Set<string> | undefined; nullable: boolean } {
  const t = node['type'];
  if (typeof t === 'string') return t === 'null' ? { types: undefined, nullable: true } : { types: new Set([t]), nullable: false };
  if (Array.isArray(t)) {
    const names = t.filter((x): x is string => typeof x === 'string');
    return { types: new Set(names.filter((x) => x !== 'null')), nullable: names.includes('null') };
  }
  const branches = Array.isArray(node['oneOf']) ? node['oneOf'] : Array.isArray(node['anyOf']) ? node['anyOf'] : undefined;
  if (!branches) return { types: undefined, nullable: false };
  const union = new Set<string>();
  let nullable = false;
  for (const b of branches) {
    const bt = typesOf(doc, follow(doc, b, '').node);
    if (bt.nullable) nullable = true;
    if (!bt.types) {
      if (!bt.nullable) return { types: undefined, nullable };
      continue;
    }
    for (const x of bt.types) union.add(x);
  }
  return { types: union.size > 0 ? union : undefined, nullable };
}

function branches(node: Json, pointer: string, key: 'oneOf' | 'anyOf'): Located[] | undefined {
  const list = node[key];
  return Array.isArray(list) ? list.map((schema, i) => ({ schema, pointer: childPointer(pointer, key, String(i)) })) : undefined;
}
