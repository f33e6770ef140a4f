/**
 * Percent-encoding and value shapes shared by every parameter location (RFC 3986 §2, RFC 6570 §3.2.1).
 * Names and values are encoded as `encodeURIComponent` does, so `?`, `&`, `=`, `+`, `/`, `#`, `,`
 * and non-ASCII (as UTF-8) never change what the server parses; `allowReserved` keeps RFC 3986's
 * reserved characters that are harmless in a query value.
 */
import { invalidUsage } from '../failures.js';

/** A parameter value reduced to what the styles know: nothing, a scalar text, a list or a map. */
export type Shape =
  | { readonly kind: 'undefined' }
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly string[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, string])[] };

/**
 * Everything but RFC 3986's unreserved set and the sub-delims `!'()*` is encoded: those five mean
 * nothing in a path segment or a query value, and `encodeURIComponent` (as openapi-fetch) keeps them.
 */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw invalidUsage(`The value ${JSON.stringify(text)} holds a lone surrogate, which has no UTF-8 form.`);
  }
}

/** Reserved characters that `allowReserved` passes through; `#`, `[`, `]`, `&` and `+` stay encoded (OAS 3.1.1 Appendix E). */
const RESERVED_KEPT = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B|3D)/g;

/** RFC 6570 reserved expansion for a query value: reserved characters and existing `%XX` triples pass through. */
export function encodeReserved(text: string): string {
  return passReserved(encode(text));
}

/** Undoes the encoding of the reserved characters `allowReserved` lets through, and of `%` before a `%XX` triple. */
export function passReserved(encoded: string): string {
  return encoded.replace(RESERVED_KEPT, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

function scalarText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidUsage(`Parameter "${name}" is ${value}, which has no text form in a request.`);
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return '';
  throw invalidUsage(`Parameter "${name}" holds a nested ${Array.isArray(value) ? 'array' : typeof value}, which no parameter style can carry.`);
}

/**
 * The shape of `value`: `undefined` (omitted), `null`/`[]`/`{}` (the spec's "undefined" column),
 * a scalar, or one level of array/object of scalars. Anything deeper is refused: sent as text it
 * would be `[object Object]`.
 */
export function shapeOf(name: string, value: unknown): Shape | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { kind: 'undefined' };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'undefined' };
    return { kind: 'array', items: value.map((item) => scalarText(name, item)) };
  }
  if (typeof value === 'object') {
    if (value instanceof Date) return { kind: 'scalar', text: value.toISOString() };
    const entries: [string, string][] = [];
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) entries.push([key, scalarText(name, inner)]);
    }
    return entries.length === 0 ? { kind: 'undefined' } : { kind: 'object', entries };
  }
  return { kind: 'scalar', text: scalarText(name, value) };
}

/**
 * A `content` parameter's JSON text. With `ascii` (headers, which carry ASCII only) non-ASCII is
 * written as `\uXXXX` escapes: the same JSON value, in bytes a header line can hold.
 */
export function jsonText(name: string, value: unknown, ascii = false): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalidUsage(`Parameter "${name}" cannot be serialized as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw invalidUsage(`Parameter "${name}" has no JSON form.`);
  if (!ascii) return text;
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
