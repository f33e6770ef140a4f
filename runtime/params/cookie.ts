/**
 * Cookie parameters, all sent in one `Cookie` header. `form` (the default) serializes as the
 * OpenAPI Style Examples' form rows, percent-encoded, so a value can never open another cookie;
 * `cookie` (OpenAPI 3.2) joins exploded pairs with `; ` and applies no encoding, so its values
 * must already be cookie-octets (RFC 6265 §4.1.1).
 */
import { invalidUsage } from '../failures.js';
import type { ParamSpec } from '../types.js';
import { encode, jsonText, shapeOf } from './encode.js';
import { queryPairs } from './query.js';

const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** This parameter's part of the Cookie header, or undefined when omitted. */
export function cookiePart(spec: ParamSpec, value: unknown): string | undefined {
  const { name } = spec;
  if (value === undefined) return undefined;
  if (spec.content) return `${encode(name)}=${encode(jsonText(name, value))}`;
  const style = spec.style ?? 'form';
  if (style === 'form') {
    const pairs = queryPairs({ ...spec, style: 'form' }, value);
    return pairs.length ? pairs.join('&') : undefined;
  }
  if (style !== 'cookie') throw invalidUsage(`Cookie parameter "${name}" has style "${style}", which a cookie cannot carry.`);
  const shape = shapeOf(name, value);
  if (!shape) return undefined;
  const octets = (text: string) => {
    if (!COOKIE_OCTETS.test(text)) throw invalidUsage(`Cookie parameter "${name}" needs escaping, which style "cookie" leaves to the caller.`);
    return text;
  };
  // Unexploded lists are joined with `,` as the table shows; each item must be cookie-octets itself.
  const raw = (k: string, ...v: string[]) => `${octets(k)}=${v.map(octets).join(',')}`;
  const explode = spec.explode ?? true;
  if (shape.kind === 'undefined') return value === null ? raw(name, '') : undefined;
  if (shape.kind === 'scalar') return raw(name, shape.text);
  if (shape.kind === 'array') return explode ? shape.items.map((v) => raw(name, v)).join('; ') : raw(name, ...shape.items);
  if (explode) return shape.entries.map(([k, v]) => raw(k, v)).join('; ');
  return raw(name, ...shape.entries.flatMap((e) => e));
}
