/**
 * application/x-www-form-urlencoded bodies, following the media type's `encoding` object
 * (OpenAPI 3.1.1, "Encoding Usage and Restrictions"): a property whose encoding gives `style`,
 * `explode` or `allowReserved` is written like a `form`-family query parameter; otherwise its
 * `contentType` decides (objects default to JSON text, arrays repeat the key, primitives are text).
 * Names and values are encoded as the WHATWG form serializer does (space as `+`).
 */
import { invalidUsage } from '../failures.js';
import { isJsonMedia } from '../json-media.js';
import { encode, passReserved } from '../params/encode.js';
import type { PartEncoding } from '../types.js';
import { isBinaryBody } from './binary.js';

/**
 * The WHATWG application/x-www-form-urlencoded byte serializer for one name or value. With
 * `allowReserved`, reserved characters pass as a query value's do: `&`, `+`, `#`, `[` and `]` stay
 * encoded, since raw they would end the field or read back as a space (OAS 3.1.1 Appendix E).
 */
export function formEncode(text: string, allowReserved = false): string {
  const encoded = encode(text).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return (allowReserved ? passReserved(encoded) : encoded).replace(/%20/g, '+');
}

/** A primitive as text; anything else is JSON text. */
function text(value: unknown): string {
  if (isBinaryBody(value)) throw invalidUsage('A form field cannot carry bytes; use multipart/form-data.');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

const DELIMITER = { form: ',', spaceDelimited: '%20', pipeDelimited: '|' } as const;

/** One property written with an explicit style (`name=a,b`, `name=a&name=b`, `name[k]=v`, …). */
function styled(out: string[], name: string, value: unknown, e: PartEncoding): void {
  const style = e.style ?? 'form';
  const explode = e.explode ?? style === 'form';
  const enc = (s: string) => formEncode(s, e.allowReserved === true);
  if (Array.isArray(value)) {
    if (style === 'deepObject') throw invalidUsage(`Form field "${name}": style deepObject cannot carry an array.`);
    if (explode) for (const item of value) out.push(`${enc(name)}=${enc(text(item))}`);
    else out.push(`${enc(name)}=${value.map((item) => enc(text(item))).join(DELIMITER[style])}`);
  } else if (typeof value === 'object' && value !== null && !isBinaryBody(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (style === 'deepObject') for (const [k, v] of entries) out.push(`${enc(name)}[${enc(k)}]=${enc(text(v))}`);
    else if (explode && style === 'form') for (const [k, v] of entries) out.push(`${enc(k)}=${enc(text(v))}`);
    else if (style === 'form') out.push(`${enc(name)}=${entries.map(([k, v]) => `${enc(k)},${enc(text(v))}`).join(',')}`);
    else throw invalidUsage(`Form field "${name}": style ${style} cannot carry an object.`);
  } else {
    out.push(`${enc(name)}=${enc(text(value))}`);
  }
}

/** Encode a form body; `encoding` is the media type's encoding object, by property name. */
export function encodeForm(body: unknown, encoding: { readonly [property: string]: PartEncoding } = {}): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidUsage('A form body must be an object of fields.');
  const out: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const e = Object.hasOwn(encoding, name) ? encoding[name]! : {};
    if (e.style !== undefined || e.explode !== undefined || e.allowReserved !== undefined) styled(out, name, value, e);
    else if (isJsonMedia(e.contentType)) out.push(`${formEncode(name)}=${formEncode(JSON.stringify(value))}`);
    else for (const item of Array.isArray(value) ? value : [value]) out.push(`${formEncode(name)}=${formEncode(text(item))}`);
  }
  return out.join('&');
}
