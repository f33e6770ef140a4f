/**
 * One operationId on several paths (gRPC-gateway publishes an RPC with `additional_bindings` under
 * each of its paths with the same id). openapi-typescript keys `operations` by id, so its output for
 * such a spec declares the same member twice and does not compile. The ids are made unique here,
 * before the document reaches openapi-typescript or the model: walking paths in document order, the
 * first use keeps the id and every later one gets a suffix derived from its path
 * (`Echo` on `/v1/echo/{id}/{num}` → `Echo_V1EchoByIdByNum`), then from its method too, then a number,
 * whichever is first free. Each rename is a warning. Pure: returns a copy, the input is not changed.
 */

import { pascalCase } from '../model/names.js';
import { isObject } from '../model/resolve.js';
import { PATH_ITEM_METHODS, type PathItemMethod } from '../util/http-methods.js';
import { escapePointer } from '../util/json-pointer.js';
import type { OpenAPIDocument } from './document.js';

/** Methods a path item can hold (OpenAPI 3.x Path Item Object). */

/** A document with unique operationIds, and one warning per rename. */
export interface Disambiguated {
  readonly document: OpenAPIDocument;
  readonly warnings: readonly string[];
}

/** Renames the second and later uses of each operationId (see the file comment); returns `doc` itself when none is shared. */
export function disambiguateOperationIds(doc: OpenAPIDocument): Disambiguated {
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const uses = operations(paths);
  // openapi-typescript reads `#` in an id as `/`: two ids equal after that are the same key.
  const key = (id: string) => id.replace(/#/g, '/');
  const taken = new Set(uses.map((u) => key(u.id)));
  const first = new Map<string, Use>();
  const renames: { use: Use; to: string }[] = [];
  for (const use of uses) {
    const earlier = first.get(key(use.id));
    if (earlier === undefined) {
      first.set(key(use.id), use);
      continue;
    }
    const to = freeId(use, taken, key);
    taken.add(key(to));
    renames.push({ use, to });
  }
  if (renames.length === 0) return { document: doc, warnings: [] };
  const copy: Record<string, unknown> = { ...paths };
  const warnings: string[] = [];
  for (const { use, to } of renames) {
    const item = copy[use.path] as Record<string, unknown>;
    copy[use.path] = { ...item, [use.method]: { ...(item[use.method] as Record<string, unknown>), operationId: to } };
    const earlier = first.get(key(use.id)) as Use;
    warnings.push(
      `${use.method.toUpperCase()} ${use.path} and ${earlier.method.toUpperCase()} ${earlier.path} share operationId ${JSON.stringify(use.id)}; the former's is renamed ${JSON.stringify(to)} (#/paths/${escapePointer(use.path)}/${use.method}/operationId)`,
    );
  }
  return { document: { ...doc, paths: copy }, warnings };
}

interface Use {
  readonly path: string;
  readonly method: PathItemMethod;
  readonly id: string;
}

/** Every operation with a string operationId, in document order. A `$ref`-ed path item is shared, so it is left as it is. */
function operations(paths: Record<string, unknown>): Use[] {
  const uses: Use[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || typeof item['$ref'] === 'string') continue;
    for (const method of PATH_ITEM_METHODS) {
      const op = item[method];
      if (isObject(op) && typeof op['operationId'] === 'string') uses.push({ path, method, id: op['operationId'] });
    }
  }
  return uses;
}

/** The first free id among: id + path suffix, id + method + path suffix, then those with _2, _3, … */
function freeId(use: Use, taken: ReadonlySet<string>, key: (id: string) => string): string {
  const suffix = pathSuffix(use.path);
  const candidates = [`${use.id}_${suffix}`, `${use.id}_${pascalCase(use.method)}${suffix}`];
  for (const c of candidates) if (!taken.has(key(c))) return c;
  for (let n = 2; ; n++) {
    const c = `${candidates[1]}_${n}`;
    if (!taken.has(key(c))) return c;
  }
}

/** `/v1/example/echo/{id}/{num}` → `V1ExampleEchoByIdByNum`; `/` → `Root`. */
export function pathSuffix(path: string): string {
  const words = path
    .split('/')
    .filter((s) => s.length > 0)
    .map((seg) => seg.replace(/\{([^}]*)\}/g, ' by $1 '))
    .join(' ');
  return pascalCase(words) || 'Root';
}
