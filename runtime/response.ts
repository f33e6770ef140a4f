/**
 * Response bodies (JSON, text, binary) as the caller receives them. JSON goes through the
 * service's `parseJson` (e.g. a parser that keeps 64-bit integers exact), for success and error
 * bodies alike. A body parsed with `JSON.parse` before (by the validation step, to check it) is
 * not parsed again.
 */
import { isJsonMedia } from './json-media.js';
import type { RawResponse } from './pipeline.js';
import type { ResponseType } from './types.js';

/** Where `parsedJson` keeps a body it parsed, on the response itself (JSON values are never undefined). */
const PARSED = Symbol('svc-gen.parsedJson');
type Parsed = RawResponse & { [PARSED]?: unknown };

function headerValue(response: RawResponse, name: string): string {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Does the response claim a JSON body (`application/json`, `application/problem+json`, …)? */
export function isJsonResponse(response: RawResponse): boolean {
  return isJsonMedia(headerValue(response, 'content-type'));
}

const decoder = new TextDecoder();

/** Decode a response body: null when empty, JSON when it claims JSON, bytes when asked, else text. */
export function decodeBody(response: RawResponse, type: ResponseType = 'auto', parseJson: (text: string) => unknown = JSON.parse): unknown {
  if (response.body.byteLength === 0) return null;
  // A copy as a plain Uint8Array: the transport's Buffer may be a view of a shared pool slab.
  if (type === 'binary') return new Uint8Array(response.body);
  if (type === 'auto' && parseJson === JSON.parse) {
    const parsed = (response as Parsed)[PARSED];
    if (parsed !== undefined) {
      // Taken once: a response object handed out twice (a user step's canned answer) is parsed afresh.
      (response as Parsed)[PARSED] = undefined;
      return parsed;
    }
  }
  const text = decoder.decode(response.body);
  return type === 'auto' && isJsonResponse(response) ? parseJson(text) : text;
}

/**
 * The body of a response that claims JSON, parsed with `JSON.parse` and kept, so the next
 * `decodeBody` (with the default parser) returns that value instead of parsing again; undefined when empty, not JSON or unparsable
 * (the caller's decodeBody then reports it). Nothing may mutate the value before the caller gets it.
 */
export function parsedJson(response: RawResponse): unknown {
  const kept = (response as Parsed)[PARSED];
  if (kept !== undefined) return kept;
  if (response.body.byteLength === 0 || !isJsonResponse(response)) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(response.body));
    (response as Parsed)[PARSED] = value;
    return value;
  } catch {
    return undefined;
  }
}
