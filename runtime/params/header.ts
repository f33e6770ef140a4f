/**
 * Header parameters: `simple`, explode false/true (RFC 6570 §3.2.2 without percent-encoding,
 * as the OpenAPI Style Examples show). A value a header line cannot hold as the same text
 * (control characters, non-ASCII) is refused: use `content` for such values.
 */
import { invalidUsage } from '../failures.js';
import type { ParamSpec } from '../types.js';
import { jsonText, shapeOf } from './encode.js';

/** Visible ASCII, space and tab: what a header value carries byte for byte (RFC 9110 §5.5). */
const HEADER_TEXT = /^[\t\x20-\x7e]*$/;

/** The header line's value, or undefined when the parameter is omitted. */
export function headerValue(spec: ParamSpec, value: unknown): string | undefined {
  const { name } = spec;
  if (value === undefined) return undefined;
  const text = spec.content ? jsonText(name, value, true) : styled(spec, value);
  if (text === undefined) return undefined;
  if (!HEADER_TEXT.test(text)) throw invalidUsage(`Header parameter "${name}" contains characters a header cannot carry (control or non-ASCII).`);
  return text;
}

function styled(spec: ParamSpec, value: unknown): string | undefined {
  const { name } = spec;
  if ((spec.style ?? 'simple') !== 'simple') throw invalidUsage(`Header parameter "${name}" has style "${spec.style}", which a header cannot carry.`);
  const shape = shapeOf(name, value);
  if (!shape) return undefined;
  if (shape.kind === 'undefined') return value === null ? '' : undefined;
  if (shape.kind === 'scalar') return shape.text;
  if (shape.kind === 'array') return shape.items.join(',');
  return shape.entries.map(([k, v]) => (spec.explode ? `${k}=${v}` : `${k},${v}`)).join(',');
}
