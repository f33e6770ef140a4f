/**
 * Responses → the success and error body types of a method, and the runtime `responseType`.
 * 2XX are success, 4XX/5XX errors; 1XX never reach the caller and 3XX always throw (the runtime
 * never follows redirects), so neither is part of a result type; `default` is an error when explicit success codes exist,
 * else it describes both (OpenAPI 3.1 §4.8.16). No content decodes to `null` (e.g. 204).
 */
import type { ResponseType } from '@svc-gen/runtime';
import { jsString } from './escape.js';
import { pickResponseMedia } from './media.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

/** What responses contribute to a method. */
export interface ResponseTypes {
  readonly successType: string;
  readonly errorType: string;
  readonly responseType: ResponseType | null;
}

/** Computes an operation's success/error types from openapi-typescript's `responses` type. */
export function responseTypes(doc: Json, op: Json, opType: string, method: string): ResponseTypes {
  const responses = isObject(op['responses']) ? op['responses'] : {};
  const codes = Object.keys(responses);
  const success = codes.filter((c) => /^2/.test(c));
  const errors = codes.filter((c) => /^[45]/.test(c));
  if (codes.includes('default')) {
    errors.push('default');
    if (success.length === 0) success.push('default');
  }
  // Bytes are requested only when every success response with a body is binary: a download.
  const successKinds = success.map((c) => bodyOf(doc, responses[c])?.kind).filter((k) => k !== undefined);
  const binary = successKinds.length > 0 && successKinds.every((k) => k === 'binary');
  const typeOf = (code: string): string => {
    if (method === 'HEAD') return 'null';
    const body = bodyOf(doc, responses[code]);
    if (!body) return 'null';
    // With responseType 'binary' the runtime hands back bytes for every status, error bodies included.
    if (binary) return 'Uint8Array';
    if (body.kind === 'binary') return 'string';
    if (body.kind === 'json') return `${opType}['responses'][${jsString(code)}]['content'][${jsString(body.media)}]`;
    return 'string';
  };
  return {
    successType: union(success.map(typeOf)),
    errorType: union(errors.map(typeOf)),
    responseType: binary ? 'binary' : null,
  };
}

function bodyOf(doc: Json, response: unknown): { media: string; kind: string } | undefined {
  const r = deref(doc, response);
  const content = r && isObject(r['content']) ? r['content'] : undefined;
  return content ? pickResponseMedia(Object.keys(content)) : undefined;
}

/** Deduplicated union in first-seen order; `unknown` when the spec says nothing. */
function union(types: readonly string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? 'unknown' : unique.join(' | ');
}
