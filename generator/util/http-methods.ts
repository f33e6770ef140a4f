/**
 * The operation keys of an OpenAPI Path Item Object (3.0 §4.7.9, 3.1 §4.8.9), in the order the
 * specification lists them. Every walk over a document's operations iterates this list.
 */

/** Path Item operation keys, lower case as they appear in a document. */
export const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One Path Item operation key. */
export type PathItemMethod = (typeof PATH_ITEM_METHODS)[number];

/** True when `key` of a Path Item is an operation (not `parameters`, `summary`, `x-…`). */
export function isPathItemMethod(key: string): key is PathItemMethod {
  return (PATH_ITEM_METHODS as readonly string[]).includes(key);
}
