/**
 * Response bodies (JSON, text, binary) as the caller receives them. JSON goes through the
 * service's `parseJson` (e.g. a parser that keeps 64-bit integers exact), for success and error
 * bodies alike.
 */
import type { RawResponse } from './pipeline.js';
import type { ResponseType } from './types.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^[\w.+-]+\/[\w.+-]+\+json\b/i;

function headerValue(response: RawResponse, name: string): string {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Does the response claim a JSON body (`application/json`, `application/problem+json`, …)? */
export function isJsonResponse(response: RawResponse): boolean {
  return JSON_TYPE.test(headerValue(response, 'content-type'));
}

const decoder = new TextDecoder();

/** Decode a response body: null when empty, JSON when it claims JSON, bytes when asked, else text. */
export function decodeBody(response: RawResponse, type: ResponseType = 'auto', parseJson: (text: string) => unknown = JSON.parse): unknown {
  if (response.body.byteLength === 0) return null;
  // A copy as a plain Uint8Array: the transport's Buffer may be a view of a shared pool slab.
  if (type === 'binary') return new Uint8Array(response.body);
  const text = decoder.decode(response.body);
  return type === 'auto' && isJsonResponse(response) ? parseJson(text) : text;
}
