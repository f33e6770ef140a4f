/**
 * Endpoint → path and query. The host only ever comes from the registry: endpoints must be
 * paths (non-ASCII sent as UTF-8 percent-encoding) and the query is appended with `?` or `&`.
 * Parameter values are serialized by params/*, which refuses `.`/`..`/empty `simple` segments,
 * so no argument can change the host or climb out of the route.
 */
import { invalidUrl } from './failures.js';

/** Check that an endpoint is a path relative to the service's base URL. */
export function checkEndpoint(endpoint: string): string {
  if (typeof endpoint !== 'string') throw invalidUrl('The endpoint must be a string.');
  // `//host/x` and `http://host/x` would name another host; backslashes are turned into `/` by URL parsers.
  if (endpoint.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.includes('\\')) {
    throw invalidUrl(`The endpoint ${JSON.stringify(endpoint)} is not a path; the host comes from the registry only.`);
  }
  if (/[\s\0]/.test(endpoint)) throw invalidUrl(`The endpoint ${JSON.stringify(endpoint)} contains whitespace or NUL.`);
  return encodeEndpoint(endpoint.startsWith('/') ? endpoint : `/${endpoint}`);
}

/** Non-ASCII in an endpoint, as UTF-8 percent-encoding (`/cities/zürich` → `/cities/z%C3%BCrich`); undici would send it mangled. */
export function encodeEndpoint(endpoint: string): string {
  return endpoint.replace(/[^\x00-\x7f]+/g, (text) => {
    try {
      return encodeURI(text);
    } catch {
      throw invalidUrl(`The endpoint ${JSON.stringify(endpoint)} holds a lone surrogate.`);
    }
  });
}

/** `path` followed by the encoded pairs, joined with `&` when the path already has a query. */
export function withQuery(path: string, pairs: readonly string[]): string {
  if (pairs.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}
