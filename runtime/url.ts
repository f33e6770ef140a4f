/**
 * Endpoint → path and query. The host only ever comes from the registry: endpoints must be
 * paths, path parameters are percent-encoded, and `.`/`..`/empty values are refused, so no
 * argument can change the host or climb out of the route.
 */
import { APIException, errorCode, invalidUsage } from './errors.js';

const PATH_PARAM = /\{([^{}]+)\}/g;

/** A malformed URL or endpoint (500, `invalid_url`). */
export function invalidUrl(description: string): APIException {
  return new APIException({ statusCode: 500, errorCode: errorCode('invalid_url'), message: 'Invalid URL', description });
}

/** Check that an endpoint is a path relative to the service's base URL. */
export function checkEndpoint(endpoint: string): string {
  if (typeof endpoint !== 'string') throw invalidUrl('The endpoint must be a string.');
  // `//host/x` and `http://host/x` would name another host; backslashes are turned into `/` by URL parsers.
  if (endpoint.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.includes('\\')) {
    throw invalidUrl(`The endpoint ${JSON.stringify(endpoint)} is not a path; the host comes from the registry only.`);
  }
  if (/[\s\0]/.test(endpoint)) throw invalidUrl(`The endpoint ${JSON.stringify(endpoint)} contains whitespace or NUL.`);
  return endpoint.startsWith('/') ? endpoint : `/${endpoint}`;
}

/** Fill `{name}` placeholders of a path template with percent-encoded values. */
export function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(PATH_PARAM, (_match, name: string) => {
    // Own properties only: a parameter named `__proto__` or `constructor` must not read the prototype.
    const value = params && Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined || value === null) throw invalidUsage(`Path parameter "${name}" is missing.`);
    const text = String(value);
    if (text === '' || text === '.' || text === '..') {
      throw invalidUsage(`Path parameter "${name}" may not be empty, "." or "..".`);
    }
    return encodeURIComponent(text);
  });
}

function appendPair(out: string[], name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendPair(out, name, item);
  } else if (typeof value === 'object') {
    // deepObject style, as openapi-fetch and qs do: filter[status]=open
    for (const [key, inner] of Object.entries(value)) appendPair(out, `${name}[${key}]`, inner);
  } else {
    out.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
}

/** `?a=1&b=x&b=y` (arrays repeat the key; names and values are both encoded), or '' when empty. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) appendPair(pairs, name, value);
  return pairs.length ? `?${pairs.join('&')}` : '';
}
