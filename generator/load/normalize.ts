/**
 * Rewrites that make valid-but-unusual documents acceptable to the bundler and openapi-typescript,
 * without changing what they mean.
 */

import { resolvePointer } from '../model/resolve.js';
import { escapePointer } from '../util/json-pointer.js';

const SCHEMA_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Discriminator mapping values may be plain schema names (OpenAPI 3.0.3 §4.7.25, "MAY be schema
 * names or references"). Redocly and openapi-typescript read every value as a reference (and fail
 * on a bare name), so bare names in `obj`'s discriminator become the equivalent
 * `#/components/schemas/<name>`. Called on every object of the document by its first walk (survey.ts). Mutates `obj`.
 */
export function normalizeMapping(obj: Record<string, unknown>): void {
  const disc = obj['discriminator'];
  if (typeof disc === 'object' && disc !== null && typeof (disc as Record<string, unknown>)['mapping'] === 'object') {
    const mapping = (disc as Record<string, unknown>)['mapping'] as Record<string, unknown>;
    for (const [k, v] of Object.entries(mapping)) {
      if (typeof v === 'string' && SCHEMA_NAME.test(v) && !/\.(json|ya?ml)$/i.test(v)) mapping[k] = `#/components/schemas/${v}`;
    }
  }
}

/** A `$ref` that openapi-typescript would turn into a type that does not compile. */
export interface UnsupportedRef {
  readonly pointer: string;
  readonly ref: string;
}

/**
 * openapi-typescript types a `$ref` into `#/paths/...` as an indexed access into `paths` that does
 * not exist (e.g. `["requestBody"]["content"][...]["schema"]`). When such a ref only points at
 * another ref (a chain), it is rewritten to the chain's end. When the chain ends at a value inside
 * paths (bundlers such as the one behind APIs.guru's DigitalOcean spec point every reuse at the
 * first occurrence), a copy of that value takes the ref's place: it means the same, and types.
 * Only a value that contains a ref back to itself through paths (it cannot be copied out) is
 * returned, so load can reject the document with its location. Mutates `doc` (a bundled document:
 * internal refs only).
 */
export function collapseRefsIntoPaths(doc: Record<string, unknown>): UnsupportedRef[] {
  const unsupported: UnsupportedRef[] = [];
  // Each entry keeps its parent entry and key: the pointer is built only for a ref that is reported.
  const stack: Step[] = [{ node: doc, parent: undefined, key: '' }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const { node } = step;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const obj = node as Record<string, unknown>;
    const ref = obj['$ref'];
    let inlined = step.inlined;
    if (typeof ref === 'string' && intoOperation(ref)) {
      const end = chainEnd(doc, ref);
      const target = end !== undefined && intoOperation(end) ? resolvePointer(doc, end) : undefined;
      if (end === undefined || (target !== undefined && inlined?.has(end))) unsupported.push({ pointer: pointerOf(step), ref });
      else if (target === undefined) obj['$ref'] = end;
      else {
        // Copied (before `obj` changes: the target may contain it), never shared: the copy's own refs are rewritten below.
        const copy = structuredClone(target);
        delete obj['$ref'];
        Object.assign(obj, copy);
        inlined = new Set(inlined).add(end);
      }
    }
    for (const k in obj) {
      const v = obj[k];
      if (typeof v === 'object' && v !== null) stack.push({ node: v, parent: step, key: k, inlined });
    }
  }
  return unsupported;
}

interface Step {
  readonly node: object;
  readonly parent: Step | undefined;
  readonly key: string;
  /** Refs into paths copied in on the way here: meeting one again would copy forever. */
  readonly inlined?: ReadonlySet<string> | undefined;
}

function pointerOf(step: Step): string {
  const keys: string[] = [];
  for (let s: Step | undefined = step; s?.parent; s = s.parent) keys.push(`/${escapePointer(s.key)}`);
  return keys.reverse().join('');
}

/**
 * Follows refs that point into paths/webhooks until one points elsewhere or at a value that is not a
 * ref (an object, still inside paths); undefined for a loop of refs or one that does not resolve.
 */
function chainEnd(doc: Record<string, unknown>, ref: string): string | undefined {
  const seen = new Set<string>();
  let current = ref;
  while (intoOperation(current)) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const target = resolvePointer(doc, current);
    if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
    if (typeof (target as Record<string, unknown>)['$ref'] !== 'string') return current;
    current = (target as Record<string, unknown>)['$ref'] as string;
  }
  return current;
}

/** A ref below a path item or operation (refs to a whole path item or operation type fine). */
export function intoOperation(ref: string): boolean {
  return /^#\/(paths|webhooks)\/[^/]+\//.test(ref) && !/^#\/(paths|webhooks)\/[^/]+\/(get|put|post|delete|options|head|patch|trace)$/.test(ref);
}
