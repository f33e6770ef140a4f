/**
 * A service's `operationIds` allow-list applied to its bundled document before anything is typed
 * or modelled: operations not listed are removed, and path items left without operations are
 * dropped, so `types.d.ts` and `api.d.ts` both describe only what the service uses. Pure.
 */
import { SvcGenInputError } from '../errors.js';
import { deref, isObject } from '../model/resolve.js';
import { isPathItemMethod } from '../util/http-methods.js';
import type { OpenAPIDocument } from './document.js';

/** Methods a path item can hold (OpenAPI 3.x §4.8.9). */

/** A copy of `doc` keeping only the operations in `ids`; throws `SVCGEN_CONFIG` naming every id the spec lacks. */
export function selectOperations(doc: OpenAPIDocument, ids: readonly string[], file: string, service: string): OpenAPIDocument {
  const wanted = new Set(ids);
  const found = new Set<string>();
  const paths: Record<string, unknown> = {};
  for (const [route, item] of Object.entries(isObject(doc['paths']) ? doc['paths'] : {})) {
    const pathItem = deref(doc, item);
    if (!pathItem) continue;
    const kept: Record<string, unknown> = {};
    let operations = 0;
    for (const [key, value] of Object.entries(pathItem)) {
      if (!isPathItemMethod(key)) {
        kept[key] = value;
        continue;
      }
      const op = deref(doc, value);
      const id = op?.['operationId'];
      if (typeof id === 'string' && wanted.has(id)) {
        kept[key] = value;
        found.add(id);
        operations++;
      }
    }
    if (operations > 0) paths[route] = kept;
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new SvcGenInputError(
      missing.map((id) => ({
        code: 'SVCGEN_CONFIG' as const,
        file,
        location: {},
        reason: `services[${JSON.stringify(service)}].operationIds lists ${JSON.stringify(id)}, which is not an operationId in this spec`,
      })),
    );
  }
  return { ...doc, paths };
}
