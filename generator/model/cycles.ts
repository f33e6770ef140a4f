/**
 * Schemas that contain themselves with nothing but `$ref`, `allOf`/`anyOf`/`oneOf`, `items` or
 * `prefixItems` in between. openapi-typescript types every schema as a member of the `components`
 * interface, and such a member refers to itself directly (`A: components["schemas"]["A"][]`), which
 * TypeScript rejects (TS2502). A cycle through an object (`properties`, `additionalProperties`)
 * is fine: that is a recursive type, and it compiles. So is a cycle through an array of a named
 * schema (`items: { $ref: '#/components/schemas/A' }`, as in the JSON-value schema
 * `oneOf: [string, number, boolean, null, array of itself, object of itself]`) once that array is
 * printed as an interface extending `Array` (types/emit-types.ts), which TypeScript resolves lazily:
 * `checkTypeCycles` answers which arrays to print so. Pure; iterative, so any depth is safe.
 */
import type { InputProblem } from '../errors.js';
import { surveyDocument } from '../load/survey.js';
import { escapePointer, pointerIndex, unescapePointer } from '../util/json-pointer.js';
import { resolvePointer } from './resolve.js';

type Json = Record<string, unknown>;

/** Keys whose schemas openapi-typescript prints without an object type around them. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

/** An edge of the "prints as" graph: the child, and whether it was reached through a `$ref`. */
interface Edge {
  readonly to: object;
  readonly ref: boolean;
}

/**
 * One problem per cycle (at most `limit`), located at the first named schema in it. `starts` are the
 * nodes the search starts from, in document order: every node with an edge (a survey's
 * `cycleStarts`, load/survey.ts); a node without one is on no cycle.
 */
export function typeCycleProblems(
  file: string,
  doc: Json,
  starts: readonly object[] = surveyDocument(doc).cycleStarts,
  limit = 10,
  lazyArrays: ReadonlySet<string> = new Set(),
): InputProblem[] {
  const state = new Map<object, 'open' | 'done'>();
  const targets = new Map<string, unknown>();
  const problems: InputProblem[] = [];
  let pointerOf: ((node: object | undefined) => string) | undefined;
  for (const start of starts) {
    if (state.has(start) || problems.length >= limit) continue;
    // Iterative DFS; `path` holds the open nodes, each with the edge that entered it.
    const path: { node: object; via: boolean; edges: Edge[] }[] = [{ node: start, via: false, edges: edges(doc, start, targets, lazyArrays) }];
    state.set(start, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number];
      const edge = top.edges.pop();
      if (!edge) {
        state.set(top.node, 'done');
        path.pop();
        continue;
      }
      const seen = state.get(edge.to);
      if (seen === 'done') continue;
      if (seen === 'open') {
        const from = path.findIndex((p) => p.node === edge.to);
        const cycle = [...path.slice(from).map((p, i) => ({ node: p.node, named: i === 0 ? edge.ref : p.via }))];
        pointerOf ??= pointerIndex(doc);
        problems.push(problem(file, pointerOf, cycle));
        continue;
      }
      state.set(edge.to, 'open');
      path.push({ node: edge.to, via: edge.ref, edges: edges(doc, edge.to, targets, lazyArrays) });
    }
  }
  return problems;
}

function problem(file: string, pointerOf: (node: object | undefined) => string, cycle: { node: object; named: boolean }[]): InputProblem {
  const named = cycle.filter((c) => c.named).map((c) => `#${pointerOf(c.node)}`);
  const shown = named.length > 0 ? named : [`#${pointerOf(cycle[0]?.node)}`];
  return {
    code: 'SVCGEN_INVALID_SPEC',
    file,
    location: { pointer: (shown[0] ?? '#').slice(1) },
    reason:
      `schema contains itself with no object in between (${[...shown, shown[0]].join(' → ')}, through $ref, allOf/anyOf/oneOf or items); ` +
      'its TypeScript type would refer to itself and not compile: make the recursion go through an object property, ' +
      'or move the shared part into a schema of its own',
  };
}

/** The children a node prints without an object type around them (an array of a schema in `lazyArrays` has one). */
function edges(doc: Json, node: object, targets: Map<string, unknown>, lazyArrays: ReadonlySet<string>): Edge[] {
  if (Array.isArray(node)) return [];
  const o = node as Json;
  const out: Edge[] = [];
  const ref = o['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#')) {
    let target = targets.get(ref);
    if (target === undefined && !targets.has(ref)) {
      target = resolvePointer(doc, ref);
      targets.set(ref, target);
    }
    if (typeof target === 'object' && target !== null) out.push({ to: target, ref: true });
  }
  for (const key of LISTS) {
    const list = o[key];
    if (Array.isArray(list)) for (const s of list) if (typeof s === 'object' && s !== null && !Array.isArray(s)) out.push({ to: s, ref: false });
  }
  const items = o['items'];
  if (typeof items === 'object' && items !== null && !Array.isArray(items)) {
    const name = schemaArrayItem(items);
    if (name === undefined || !lazyArrays.has(name)) out.push({ to: items, ref: false });
  }
  return out.reverse(); // popped from the end: first edge first
}

/** The result of the check: the cycles that cannot be typed, and the schemas whose arrays are printed as interfaces. */
export interface CycleCheck {
  readonly problems: readonly InputProblem[];
  /** Names in `components.schemas` (sorted) whose arrays (`components["schemas"][name][]`) types.d.ts prints as interfaces. */
  readonly lazyArrays: readonly string[];
}

/**
 * The type-cycle check (`typeCycleProblems`), and when it finds cycles, which of them an array of a
 * named schema breaks: those schemas' arrays are printed lazily, and only the cycles left are problems.
 * A document without cycles gets no lazy arrays (its types are printed as they always were).
 */
export function checkTypeCycles(file: string, doc: Json, starts: readonly object[]): CycleCheck {
  const strict = typeCycleProblems(file, doc, starts);
  if (strict.length === 0) return { problems: [], lazyArrays: [] };
  const names = new Set<string>();
  for (const node of starts) {
    const name = Array.isArray(node) ? undefined : schemaArrayItem((node as Json)['items']);
    if (name !== undefined) names.add(name);
  }
  const left = typeCycleProblems(file, doc, starts, 10, names);
  if (left.length > 0) return { problems: left, lazyArrays: [] };
  // Only the schemas on a cycle: an array elsewhere keeps its plain `T[]`.
  const targets = new Map<string, unknown>();
  const onCycle = [...names].filter((name) => reachesItself(doc, `#/components/schemas/${escapePointer(name)}`, targets));
  return { problems: [], lazyArrays: onCycle.sort() };
}

/** The schema name when `items` is only a `$ref` to `#/components/schemas/<name>` (what openapi-typescript prints `components["schemas"][name]`). */
export function schemaArrayItem(items: unknown): string | undefined {
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return undefined;
  const ref = (items as Json)['$ref'];
  if (typeof ref !== 'string' || Object.keys(items).length !== 1) return undefined;
  const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  if (!m) return undefined;
  try {
    // As openapi-typescript's ref parser reads a token: unescaped, then URI-decoded.
    return decodeURIComponent(unescapePointer(m[1] as string));
  } catch {
    return undefined;
  }
}

/** True when the schema `ref` names can reach itself again along the "prints as" edges. Iterative. */
function reachesItself(doc: Json, ref: string, targets: Map<string, unknown>): boolean {
  const start = resolvePointer(doc, ref);
  if (typeof start !== 'object' || start === null) return false;
  const seen = new Set<object>();
  const stack = edges(doc, start, targets, new Set()).map((e) => e.to);
  while (stack.length > 0) {
    const node = stack.pop() as object;
    if (node === start) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const e of edges(doc, node, targets, new Set())) stack.push(e.to);
  }
  return false;
}
