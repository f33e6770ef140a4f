/**
 * Compares two schemas in one direction. Request schemas are what the client sends (narrowing
 * breaks it); response schemas are what it receives (widening breaks it). Returns neutral facts
 * (`what`, property path); the operation compare turns them into kinds through the rules table.
 * Each pair of `$ref` targets is compared once per direction (memo), which also ends cycles: a
 * pair already being compared higher up contributes nothing more.
 */
import { BOUNDS, follow, type Located, type SchemaView, viewOf } from './schema-view.js';

type Json = Record<string, unknown>;

/** What the client sends, or what it receives. */
export type Direction = 'request' | 'response';

/** A schema-level difference, before it has a kind. */
export type SchemaWhat =
  | 'type-changed'
  | 'type-generalized'
  | 'type-specialized'
  | 'became-nullable'
  | 'became-not-nullable'
  | 'enum-value-removed'
  | 'enum-value-added'
  | 'became-enum'
  | 'enum-removed'
  | 'property-removed'
  | 'property-added'
  | 'became-required'
  | 'became-optional'
  | 'one-of-added'
  | 'one-of-removed'
  | 'any-of-added'
  | 'any-of-removed'
  /** A numeric bound moved; `detail` starts with its kind suffix, e.g. `max-length-decreased`. */
  | 'constraint';

/** One difference inside a schema; `path` is the property path from the compared root (`[]` for the root, `[]` segments for array items). */
export interface SchemaDelta {
  readonly what: SchemaWhat;
  readonly path: readonly string[];
  /** For property-added/removed: whether that property is required on the side that has it. */
  readonly required: boolean;
  readonly old: string;
  readonly new: string;
  /** What changed, e.g. `type from string to integer`, `value "b"`. */
  readonly detail: string;
}

/** Compares schemas of two documents; keep one per document pair so the memo is shared. */
export class SchemaComparer {
  readonly #memo = new Map<string, readonly SchemaDelta[]>();
  readonly #active = new Set<string>();

  constructor(
    readonly oldDoc: Json,
    readonly newDoc: Json,
  ) {}

  /** Every difference between `o` and `n` (schemas at the given pointers), seen from `dir`. */
  compare(o: Located, n: Located, dir: Direction): readonly SchemaDelta[] {
    // The memo is checked before any view is built: on a big spec most comparisons are repeats.
    const oldRef = follow(this.oldDoc, o.schema, o.pointer).ref;
    const newRef = follow(this.newDoc, n.schema, n.pointer).ref;
    const view = () => [viewOf(this.oldDoc, o.schema, o.pointer), viewOf(this.newDoc, n.schema, n.pointer)] as const;
    if (oldRef === undefined || newRef === undefined) return this.#compareViews(...view(), dir);
    const key = `${dir}\0${oldRef}\0${newRef}`;
    const hit = this.#memo.get(key);
    if (hit) return hit;
    if (this.#active.has(key)) return [];
    this.#active.add(key);
    try {
      const out = this.#compareViews(...view(), dir);
      this.#memo.set(key, out);
      return out;
    } finally {
      this.#active.delete(key);
    }
  }

  #compareViews(o: SchemaView, n: SchemaView, dir: Direction): SchemaDelta[] {
    const out: SchemaDelta[] = [];
    const at = (what: SchemaWhat, detail: string, required = false) => out.push({ what, path: [], required, old: o.pointer, new: n.pointer, detail });
    const relation = typeRelation(o, n);
    if (relation !== 'same') {
      const detail =
        relation.field === 'type' ? `type from ${typeText(o.types)} to ${typeText(n.types)}` : `format from ${o.format ?? '(none)'} to ${n.format ?? '(none)'}`;
      at(typeWhat(relation.how, dir), detail);
    }
    if (o.nullable !== n.nullable) at(n.nullable ? 'became-nullable' : 'became-not-nullable', n.nullable ? 'nullable' : 'not nullable');
    // Another type altogether: what was inside the old one (its properties, items) is not compared piece by piece.
    if (relation !== 'same' && relation.field === 'type' && relation.how === 'changed') return out;
    compareEnums(o, n, at);
    compareBounds(o, n, dir, (suffix, detail) => at('constraint', `${suffix}: ${detail}`));
    if (o.properties.size > 0 || n.properties.size > 0) this.#compareProperties(o, n, dir, out);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const [ob, nb] = [o[key], n[key]];
      if (ob && nb) this.#compareBranches(ob, nb, key === 'oneOf' ? 'one-of' : 'any-of', o, n, dir, out);
    }
    if (o.items && n.items) for (const d of this.compare(o.items, n.items, dir)) out.push(prefixed(d, '[]'));
    if (o.additional && n.additional) for (const d of this.compare(o.additional, n.additional, dir)) out.push(prefixed(d, '{}'));
    return out;
  }

  /**
   * Branches are paired by what they are: the `$ref` target, or the inline schema's text. A paired
   * `$ref` branch is compared inside; an unpaired one on either side was removed or added.
   */
  #compareBranches(
    ob: readonly Located[],
    nb: readonly Located[],
    what: 'one-of' | 'any-of',
    o: SchemaView,
    n: SchemaView,
    dir: Direction,
    out: SchemaDelta[],
  ): void {
    const keyOf = (doc: Json, b: Located) => follow(doc, b.schema, b.pointer).ref ?? `inline:${JSON.stringify(b.schema)}`;
    const after = new Map(nb.map((b) => [keyOf(this.newDoc, b), b]));
    for (const b of ob) {
      const key = keyOf(this.oldDoc, b);
      const match = after.get(key);
      if (!match) {
        out.push({
          what: `${what}-removed`,
          path: [],
          required: false,
          old: b.pointer,
          new: n.pointer,
          detail: key.startsWith('inline:') ? 'an inline schema' : key,
        });
        continue;
      }
      after.delete(key);
      for (const d of this.compare(b, match, dir)) out.push(d);
    }
    for (const [key, b] of after)
      out.push({
        what: `${what}-added`,
        path: [],
        required: false,
        old: o.pointer,
        new: b.pointer,
        detail: key.startsWith('inline:') ? 'an inline schema' : key,
      });
  }

  #compareProperties(o: SchemaView, n: SchemaView, dir: Direction, out: SchemaDelta[]): void {
    // A read-only property is never sent, a write-only one never received: neither side of the client sees it.
    const flag = dir === 'request' ? 'readOnly' : 'writeOnly';
    const hidden = (doc: Json, p: Located) => follow(doc, p.schema, p.pointer).node[flag] === true;
    for (const [name, op] of o.properties) {
      if (hidden(this.oldDoc, op)) continue;
      const np = n.properties.get(name);
      if (!np || hidden(this.newDoc, np)) {
        out.push({ what: 'property-removed', path: [name], required: o.required.has(name), old: op.pointer, new: n.pointer, detail: name });
        continue;
      }
      const wasRequired = o.required.has(name);
      const isRequired = n.required.has(name);
      if (wasRequired !== isRequired) {
        out.push({
          what: isRequired ? 'became-required' : 'became-optional',
          path: [name],
          required: isRequired,
          old: op.pointer,
          new: np.pointer,
          detail: name,
        });
      }
      for (const d of this.compare(op, np, dir)) out.push(prefixed(d, name));
    }
    for (const [name, np] of n.properties) {
      if (o.properties.has(name) && !hidden(this.oldDoc, o.properties.get(name) as Located)) continue;
      if (hidden(this.newDoc, np)) continue;
      out.push({ what: 'property-added', path: [name], required: n.required.has(name), old: o.pointer, new: np.pointer, detail: name });
    }
  }
}

function prefixed(d: SchemaDelta, segment: string): SchemaDelta {
  return { ...d, path: [segment, ...d.path] };
}

type How = 'widened' | 'narrowed' | 'changed';

/** How the set of accepted values moved, by type first and then by format. */
function typeRelation(o: SchemaView, n: SchemaView): 'same' | { field: 'type' | 'format'; how: How } {
  const how = setRelation(o.types, n.types);
  if (how !== 'same') return { field: 'type', how };
  if (o.format === n.format) return 'same';
  return { field: 'format', how: n.format === undefined ? 'widened' : o.format === undefined ? 'narrowed' : 'changed' };
}

/** Type sets, undefined meaning any type; `integer` is inside `number`. */
function setRelation(o: ReadonlySet<string> | undefined, n: ReadonlySet<string> | undefined): 'same' | How {
  if (!o && !n) return 'same';
  if (!o) return 'narrowed';
  if (!n) return 'widened';
  const covers = (set: ReadonlySet<string>, t: string) => set.has(t) || (t === 'integer' && set.has('number'));
  const oldInNew = [...o].every((t) => covers(n, t));
  const newInOld = [...n].every((t) => covers(o, t));
  if (oldInNew && newInOld) return 'same';
  return oldInNew ? 'widened' : newInOld ? 'narrowed' : 'changed';
}

/** Sending: wider is fine, narrower breaks. Receiving: narrower is fine, wider breaks. */
function typeWhat(how: How, dir: Direction): SchemaWhat {
  if (how === 'widened' && dir === 'request') return 'type-generalized';
  if (how === 'narrowed' && dir === 'response') return 'type-specialized';
  return 'type-changed';
}

function typeText(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().join('|') : 'any';
}

function compareEnums(o: SchemaView, n: SchemaView, at: (what: SchemaWhat, detail: string) => void): void {
  if (!o.enum && !n.enum) return;
  if (!o.enum) return at('became-enum', `enum ${(n.enum ?? []).join(', ')}`);
  if (!n.enum) return at('enum-removed', 'enum removed');
  const now = new Set(n.enum);
  const before = new Set(o.enum);
  for (const v of o.enum) if (!now.has(v)) at('enum-value-removed', `value ${v}`);
  for (const v of n.enum) if (!before.has(v)) at('enum-value-added', `value ${v}`);
}

/** Bound keyword → oasdiff's name, and whether it caps values from above. */
const BOUND_NAMES: Readonly<Record<(typeof BOUNDS)[number], { name: string; upper: boolean }>> = {
  maximum: { name: 'max', upper: true },
  maxLength: { name: 'max-length', upper: true },
  maxItems: { name: 'max-items', upper: true },
  minimum: { name: 'min', upper: false },
  minLength: { name: 'min-length', upper: false },
  minItems: { name: 'min-items', upper: false },
};

/** The bound changes oasdiff has checks for, by direction (others are not reported). */
export const BOUND_CHANGES: Readonly<Record<Direction, readonly string[]>> = {
  request: [
    'max-decreased',
    'max-increased',
    'max-length-decreased',
    'max-length-increased',
    'max-items-decreased',
    'max-items-increased',
    'min-increased',
    'min-decreased',
    'min-length-increased',
    'min-length-decreased',
    'min-items-increased',
    'min-items-decreased',
    'max-set',
    'max-length-set',
    'min-set',
    'min-items-set',
  ],
  response: ['max-increased', 'max-length-increased', 'max-length-unset', 'min-decreased', 'min-length-decreased', 'min-items-decreased', 'min-items-unset'],
};

/** Request: a tighter bound breaks what the client sends. Response: a looser bound breaks what it expects. */
function compareBounds(o: SchemaView, n: SchemaView, dir: Direction, at: (suffix: string, detail: string) => void): void {
  for (const keyword of BOUNDS) {
    const [was, is] = [o.bounds[keyword], n.bounds[keyword]];
    if (was === is) continue;
    const { name, upper } = BOUND_NAMES[keyword];
    const change =
      was === undefined ? 'set' : is === undefined ? 'unset' : is > was === upper ? (upper ? 'increased' : 'decreased') : upper ? 'decreased' : 'increased';
    const suffix = `${name}-${change}`;
    if (BOUND_CHANGES[dir].includes(suffix)) at(suffix, `${keyword} ${was ?? '(none)'} → ${is ?? '(none)'}`);
  }
}
