/**
 * One walk over a loaded document that gathers everything svc-gen's checks and the types step need,
 * so none of them walks the document again (each used to: on the GitHub spec that was six walks,
 * about a tenth of a run with the garbage they made). It gathers:
 * - whether every `$ref` is internal and resolves (then the document is already bundled);
 * - whether any `$ref` points inside a path item or operation (normalize.ts then rewrites those);
 * - the first `$ref` naming a key with a `%` (model/validate.ts refuses it);
 * - the nodes the type-cycle check must start from (model/cycles.ts), in document order;
 * - the discriminator refs and the `allOf`-with-`$ref` holders openapi-typescript patches, and the
 *   refs into the inside of a named schema (types/types-input.ts);
 * and, on the first walk of a freshly read document, it normalizes discriminator mappings (normalize.ts).
 *
 * Recursive (no allocation per node): every file read was checked against `MAX_DEPTH` (parse.ts),
 * and a walk that goes deeper anyway (a document built from many files) stops and says so.
 * Nodes shared by two paths (YAML aliases, a bundler's reuse) are walked once; a document known to
 * be a tree (straight from JSON.parse) is walked without that bookkeeping (a set of every node: as
 * much time as the rest of the walk).
 */
import { resolvePointer } from '../model/resolve.js';
import { intoOperation, normalizeMapping } from './normalize.js';
import { MAX_DEPTH } from './parse.js';

type Json = Record<string, unknown>;

/** A key path from the document's root: object keys and array indexes. */
export type KeyPath = readonly (string | number)[];

/** What one walk found (see the file comment). */
export interface Survey {
  /** The document walked: a survey answers for that object only. */
  readonly root: object;
  /** Every `$ref` starts with `#` and resolves in the document. */
  readonly internal: boolean;
  /** Some `$ref` points below a path item or operation (`#/paths/~1a/get/...`). */
  readonly refsIntoPaths: boolean;
  /** The first node (document order) whose `$ref` holds `%25`, if any. */
  readonly percentRef: object | undefined;
  /** Every node with a `$ref`, `allOf`/`anyOf`/`oneOf`/`prefixItems` or `items`, in document order. */
  readonly cycleStarts: readonly object[];
  /** The `oneOf` `$ref`s and mapping values of every discriminator with a `propertyName`. */
  readonly discriminatorRefs: readonly string[];
  /** Key paths of the objects whose `allOf` holds a `$ref`. */
  readonly allOfRefHolders: readonly KeyPath[];
  /** Key paths of the objects whose `$ref` points inside a named schema (`#/components/schemas/A/properties/b`). */
  readonly interiorRefs: readonly KeyPath[];
  /** The walk met nesting deeper than it goes (`MAX_DEPTH` times four): the other fields are partial. */
  readonly tooDeep: boolean;
  /** The walk was told no node has two parents (see `SurveyOptions`). */
  readonly tree: boolean;
}

export interface SurveyOptions {
  /** Rewrite bare discriminator mapping names into refs (normalize.ts) on the way; mutates the document. */
  readonly normalize?: boolean;
  /** No node of the document has two parents and none contains itself (a value from JSON.parse, and copies made from one by
   * spreading or structuredClone): each node is walked without checking it was walked already. */
  readonly tree?: boolean;
}

const SCHEMAS = '#/components/schemas/';

/** How deep the walk goes: far past what one file may nest (MAX_DEPTH), far below the stack's limit. */
const WALK_DEPTH = MAX_DEPTH * 4;

/** Walks `doc` once (see `SurveyOptions`). */
export function surveyDocument(doc: Json, options: SurveyOptions = {}): Survey {
  const refs = new Map<string, boolean>();
  let internal = true;
  let refsIntoPaths = false;
  let percentRef: object | undefined;
  let tooDeep = false;
  const cycleStarts: object[] = [];
  const discriminatorRefs: string[] = [];
  const allOfRefHolders: KeyPath[] = [];
  const interiorRefs: KeyPath[] = [];
  const seen = new Set<object>();
  const keys: (string | number)[] = [];
  const normalize = options.normalize === true;
  const tree = options.tree === true;

  const visit = (node: object): void => {
    if (!tree) {
      if (seen.has(node)) return;
      seen.add(node);
    }
    if (keys.length > WALK_DEPTH) {
      tooDeep = true;
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'object' && v !== null) {
          keys.push(i);
          visit(v);
          keys.pop();
        }
      }
      return;
    }
    const o = node as Json;
    if (normalize) normalizeMapping(o);
    const ref = o['$ref'];
    let edges = false;
    if (typeof ref === 'string') {
      edges = true;
      let resolves = refs.get(ref);
      if (resolves === undefined) {
        resolves = ref.startsWith('#') && resolvePointer(doc, ref) !== undefined;
        refs.set(ref, resolves);
        if (!refsIntoPaths && intoOperation(ref)) refsIntoPaths = true;
      }
      if (!resolves) internal = false;
      if (percentRef === undefined && ref.includes('%') && /%25/i.test(ref)) percentRef = o;
      if (ref.startsWith(SCHEMAS) && ref.indexOf('/', SCHEMAS.length) > 0) interiorRefs.push([...keys]);
    }
    const allOf = o['allOf'];
    if (Array.isArray(allOf)) {
      edges = true;
      if (allOf.some((item) => isObject(item) && '$ref' in item)) allOfRefHolders.push([...keys]);
    }
    if (!edges && (Array.isArray(o['anyOf']) || Array.isArray(o['oneOf']) || Array.isArray(o['prefixItems']) || isObject(o['items']))) edges = true;
    if (edges) cycleStarts.push(o);
    const disc = o['discriminator'];
    if (isObject(disc) && disc['propertyName']) {
      const oneOf = o['oneOf'];
      if (Array.isArray(oneOf)) for (const item of oneOf) if (isObject(item) && typeof item['$ref'] === 'string') discriminatorRefs.push(item['$ref']);
      const mapping = disc['mapping'];
      if (isObject(mapping)) for (const k in mapping) if (typeof mapping[k] === 'string') discriminatorRefs.push(mapping[k]);
    }
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'object' && v !== null) {
        keys.push(k);
        visit(v);
        keys.pop();
      }
    }
  };
  visit(doc);
  return { root: doc, internal, refsIntoPaths, percentRef, cycleStarts, discriminatorRefs, allOfRefHolders, interiorRefs, tooDeep, tree };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
