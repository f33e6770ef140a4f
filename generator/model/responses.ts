/**
 * Responses → the success and error body types of a method, one variant per declared status (for the
 * `result: 'response'` union and the typed exception), and the runtime `responseType`.
 * 2XX are success, 4XX/5XX errors; 1XX never reach the caller and 3XX always throw in body mode (the
 * runtime never follows redirects); `default` is an error when explicit success codes exist, else it
 * describes both (OpenAPI 3.1 §4.8.16). No content decodes to `null` (e.g. 204).
 */
import type { ResponseType } from '@svc-gen/runtime';
import { jsString, propertyKey } from './escape.js';
import { pickResponseMedia } from './media.js';
import type { ResponseVariant } from './model-types.js';
import { deref, isObject } from './resolve.js';
import { refName, type SchemaNames } from './schemas.js';

type Json = Record<string, unknown>;

/** What responses contribute to a method. */
export interface ResponseTypes {
  readonly successType: string;
  readonly errorType: string;
  readonly responseType: ResponseType | null;
  readonly responses: readonly ResponseVariant[];
  readonly errorStatuses: string;
}

/** A body the spec does not describe, without swallowing the success type the way `unknown` would. */
const UNDECLARED_BODY = '{} | null';

/** Computes an operation's success/error types from openapi-typescript's `responses` type. */
export function responseTypes(doc: Json, op: Json, opType: string, method: string, names: SchemaNames): ResponseTypes {
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
    if (body.kind === 'json') return refName(names, body.schema) ?? `${opType}['responses'][${jsString(code)}]['content'][${jsString(body.media)}]`;
    return 'string';
  };
  const exact = (c: string) => /^[1-5][0-9][0-9]$/.test(c);
  const variant = (ok: boolean, status: string, code: string): ResponseVariant => ({
    ok,
    statusType: status,
    dataType: typeOf(code),
    headersType: headersOf(doc, responses[code]),
  });
  const okCodes = success.filter(exact);
  const failCodes = codes.filter((c) => exact(c) && /^[345]/.test(c));
  const variants = merge([
    ...(okCodes.length > 0 ? okCodes.map((c) => variant(true, c, c)) : success.slice(0, 1).map((c) => variant(true, '$t.SuccessStatus', c))),
    ...failCodes.map((c) => variant(false, c, c)),
  ]);
  return {
    successType: union(success.map(typeOf), 'unknown'),
    errorType: union(errors.map(typeOf), UNDECLARED_BODY),
    responseType: binary ? 'binary' : null,
    responses: variants,
    errorStatuses: failCodes.length > 0 ? failCodes.join(' | ') : 'never',
  };
}

function bodyOf(doc: Json, response: unknown): { media: string; kind: string; schema: unknown } | undefined {
  const r = deref(doc, response);
  const content = r && isObject(r['content']) ? r['content'] : undefined;
  const picked = content ? pickResponseMedia(Object.keys(content)) : undefined;
  if (!content || !picked) return undefined;
  const media = content[picked.media];
  return { ...picked, schema: isObject(media) ? media['schema'] : undefined };
}

/**
 * The declared headers of a response as an object type: lower-cased names (the runtime's keys),
 * `string` values (as sent: the runtime does not parse them), optional unless `required: true`;
 * `null` when none is declared.
 * `Content-Type` is left out, as OpenAPI says it is ignored there.
 */
function headersOf(doc: Json, response: unknown): string | null {
  const r = deref(doc, response);
  const headers = r && isObject(r['headers']) ? r['headers'] : {};
  const fields = new Map<string, boolean>();
  for (const [name, header] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'content-type' || fields.has(key)) continue;
    fields.set(key, deref(doc, header)?.['required'] === true);
  }
  if (fields.size === 0) return null;
  return `{ ${[...fields].map(([key, required]) => `${propertyKey(key)}${required ? '' : '?'}: string`).join('; ')} }`;
}

/**
 * Statuses with the same outcome, body and headers share one variant (`403 | 404`): narrowing on
 * one of them still gives that body, and large specs (one error body for every status) stay small.
 */
function merge(variants: readonly ResponseVariant[]): ResponseVariant[] {
  const out: ResponseVariant[] = [];
  for (const v of variants) {
    const i = out.findIndex((o) => o.ok === v.ok && o.dataType === v.dataType && o.headersType === v.headersType);
    const same = out[i];
    if (same) out[i] = { ...same, statusType: `${same.statusType} | ${v.statusType}` };
    else out.push(v);
  }
  return out;
}

/** Deduplicated union in first-seen order; `empty` when the spec says nothing. */
function union(types: readonly string[], empty: string): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? empty : unique.join(' | ');
}
