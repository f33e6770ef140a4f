/**
 * Query parameters: `form` (explode true/false), `spaceDelimited`, `pipeDelimited` and
 * `deepObject`, as the OpenAPI Style Examples show them, each pair percent-encoded (RFC 3986).
 * Parameters the operation table does not describe (and every `httpDispatch` query) keep
 * Insanic's form: arrays repeat the key, objects become `name[key]=value`.
 */
import { invalidUsage } from '../failures.js';
import type { ParamSpec } from '../types.js';
import { encode, encodeReserved, jsonText, shapeOf } from './encode.js';

/** Encoded `name=value` pairs of one described query parameter; none when the value is omitted. */
export function queryPairs(spec: ParamSpec, value: unknown): string[] {
  const { name } = spec;
  const n = encode(name);
  const enc = spec.allowReserved ? encodeReserved : encode;
  if (value === undefined) return [];
  if (spec.content) return [`${n}=${encode(jsonText(name, value))}`];
  const style = spec.style ?? 'form';
  const explode = spec.explode ?? style === 'form';
  const shape = shapeOf(name, value);
  if (!shape) return [];
  if (shape.kind === 'undefined') {
    // `null` is the table's undefined column (`?color=`); an empty list or map has nothing to send
    // unless allowEmptyValue asks for the empty value in its place.
    return value === null || spec.allowEmptyValue ? [`${n}=`] : [];
  }
  if (style === 'form') {
    if (shape.kind === 'scalar') return [`${n}=${enc(shape.text)}`];
    if (shape.kind === 'array') return explode ? shape.items.map((v) => `${n}=${enc(v)}`) : [`${n}=${shape.items.map(enc).join(',')}`];
    if (explode) return shape.entries.map(([k, v]) => `${encode(k)}=${enc(v)}`);
    return [`${n}=${shape.entries.flatMap(([k, v]) => [encode(k), enc(v)]).join(',')}`];
  }
  if (style === 'spaceDelimited' || style === 'pipeDelimited') {
    if (explode) throw invalidUsage(`Query parameter "${name}": ${style} with explode is undefined by OpenAPI.`);
    if (shape.kind === 'scalar') throw invalidUsage(`Query parameter "${name}": ${style} carries arrays and objects, not a single value.`);
    // The 3.0.0–3.0.3/3.1.0 tables show a raw `|`; 3.0.4/3.1.1 percent-encode it as RFC 3986 requires.
    const sep = style === 'spaceDelimited' ? '%20' : spec.legacy ? '|' : '%7C';
    const parts = shape.kind === 'array' ? shape.items.map(enc) : shape.entries.flatMap(([k, v]) => [encode(k), enc(v)]);
    return [`${n}=${parts.join(sep)}`];
  }
  if (style === 'deepObject') {
    if (shape.kind !== 'object')
      throw invalidUsage(`Query parameter "${name}": deepObject carries an object, not ${shape.kind === 'array' ? 'an array' : 'a single value'}.`);
    const [open, close] = spec.legacy ? ['[', ']'] : ['%5B', '%5D'];
    return shape.entries.map(([k, v]) => `${n}${open}${encode(k)}${close}=${enc(v)}`);
  }
  throw invalidUsage(`Query parameter "${name}" has style "${style}", which a query cannot carry.`);
}

/** Insanic's query form for undescribed parameters: arrays repeat the key, objects use `name[key]`. */
export function insanicPairs(out: string[], name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null) throw invalidUsage(`Query parameter "${name}" holds a nested object or array.`);
      insanicPairs(out, name, item);
    }
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) insanicPairs(out, `${name}[${key}]`, inner);
  } else {
    const shape = shapeOf(name, value);
    if (shape?.kind === 'scalar') out.push(`${encode(name)}=${encode(shape.text)}`);
  }
}
