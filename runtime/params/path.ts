/**
 * Path parameters: `simple`, `label` and `matrix` (RFC 6570 §3.2.2, §3.2.5, §3.2.7), as the
 * OpenAPI Style Examples show them. `simple` values that would make an empty, `.` or `..`
 * segment are refused: they would change which route is called.
 */
import { invalidUsage } from '../failures.js';
import type { ParamSpec } from '../types.js';
import { encode, jsonText, shapeOf } from './encode.js';

/** The text that replaces `{name}` in the path. */
export function pathValue(spec: ParamSpec, value: unknown): string {
  const { name } = spec;
  if (value === undefined) throw invalidUsage(`Path parameter "${name}" is missing.`);
  const text = spec.content ? encode(jsonText(name, value)) : styled(spec, value);
  if ((spec.style ?? 'simple') === 'simple' && (text === '' || text === '.' || text === '..')) {
    throw invalidUsage(`Path parameter "${name}" may not be empty, "." or "..".`);
  }
  return text;
}

function styled(spec: ParamSpec, value: unknown): string {
  const { name } = spec;
  const style = spec.style ?? 'simple';
  const explode = spec.explode ?? false;
  const shape = shapeOf(name, value);
  if (!shape || shape.kind === 'undefined') return style === 'label' ? '.' : style === 'matrix' ? `;${encode(name)}` : '';
  if (style === 'simple') {
    if (shape.kind === 'scalar') return encode(shape.text);
    if (shape.kind === 'array') return shape.items.map(encode).join(',');
    return shape.entries.map(([k, v]) => (explode ? `${encode(k)}=${encode(v)}` : `${encode(k)},${encode(v)}`)).join(',');
  }
  if (style === 'label') {
    // OpenAPI 3.0.0–3.0.3 and 3.1.0 joined unexploded label lists with `.`; 3.0.4/3.1.1 follow RFC 6570's `,`.
    const join = explode || spec.legacy ? '.' : ',';
    if (shape.kind === 'scalar') return `.${encode(shape.text)}`;
    if (shape.kind === 'array') return `.${shape.items.map(encode).join(join)}`;
    if (explode) return `.${shape.entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('.')}`;
    return `.${shape.entries.flatMap(([k, v]) => [encode(k), encode(v)]).join(join)}`;
  }
  if (style === 'matrix') {
    const n = encode(name);
    const pair = (k: string, v: string) => (v === '' ? `;${k}` : `;${k}=${v}`);
    if (shape.kind === 'scalar') return pair(n, encode(shape.text));
    if (shape.kind === 'array') return explode ? shape.items.map((v) => pair(n, encode(v))).join('') : `;${n}=${shape.items.map(encode).join(',')}`;
    if (explode) return shape.entries.map(([k, v]) => pair(encode(k), encode(v))).join('');
    return `;${n}=${shape.entries.flatMap(([k, v]) => [encode(k), encode(v)]).join(',')}`;
  }
  throw invalidUsage(`Path parameter "${name}" has style "${style}", which a path cannot carry.`);
}
