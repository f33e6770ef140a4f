/**
 * A generated call's `path`/`query`/`headers`/`cookies` parts → what goes on the wire, driven by
 * the parameter facts of the operation table (OperationSpec.params), so no spec is read at run time.
 * Parameters the table does not describe are sent as before: path values `simple`, query values
 * in Insanic's form, header values as text.
 */
import { invalidUsage } from '../failures.js';
import type { OperationParams, OperationSpec, ParamLocation, ParamSpec, QueryStyle } from '../types.js';
import { cookiePart } from './cookie.js';
import { headerValue } from './header.js';
import { pathValue } from './path.js';
import { insanicPairs, queryPairs } from './query.js';

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The wire parts of one call. */
export interface SerializedParams {
  /** The path with every `{name}` filled. */
  readonly path: string;
  /** Encoded `name=value` pairs, in the order given. */
  readonly query: string[];
  readonly headers: Record<string, string>;
  /** `a=1; b=2`, or '' when no cookie parameter is sent. */
  readonly cookie: string;
}

/** Own properties only: a parameter named `__proto__` or `constructor` must not read the prototype. */
function own(values: Record<string, unknown> | undefined, name: string): unknown {
  return values && Object.hasOwn(values, name) ? values[name] : undefined;
}

function describedIn(op: OperationSpec, where: ParamLocation): Map<string, ParamSpec> {
  const out = new Map<string, ParamSpec>();
  for (const spec of op.params ?? []) if (spec.in === where) out.set(spec.name, spec);
  return out;
}

/** Serialize the parameter parts of a generated call; throws `invalid_usage` for a value its style cannot carry. */
export function serializeParams(op: OperationSpec, params: OperationParams): SerializedParams {
  const pathSpecs = describedIn(op, 'path');
  const path = op.path.replace(PLACEHOLDER, (_m, name: string) => pathValue(pathSpecs.get(name) ?? { name, in: 'path' }, own(params.path, name)));

  const querySpecs = describedIn(op, 'query');
  const query: string[] = [];
  for (const [name, value] of Object.entries(params.query ?? {})) {
    const spec = querySpecs.get(name);
    if (spec) query.push(...queryPairs(spec, value));
    else insanicPairs(query, name, value);
  }

  const headerSpecs = describedIn(op, 'header');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    const text = headerValue(headerSpecs.get(name) ?? { name, in: 'header' }, value);
    if (text !== undefined) headers[name] = text;
  }

  const cookieSpecs = describedIn(op, 'cookie');
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(params.cookies ?? {})) {
    const part = cookiePart(cookieSpecs.get(name) ?? { name, in: 'cookie' }, value);
    if (part !== undefined) cookies.push(part);
  }
  return { path, query, headers, cookie: cookies.join('; ') };
}

/** `a=1; b=2` from the call's cookie parameters and the caller's own `Cookie` header, merged into one. */
export function mergeCookies(ours: string, callers: string | undefined): string | undefined {
  if (!ours) return callers;
  if (callers === undefined || callers.trim() === '') return ours;
  return `${callers}; ${ours}`;
}

/** A typed call's value that is not a plain object where a part is expected. */
export function checkParts(params: OperationParams): void {
  for (const key of ['path', 'query', 'headers', 'cookies'] as const) {
    const part = params[key];
    if (part !== undefined && (typeof part !== 'object' || part === null || Array.isArray(part))) {
      throw invalidUsage(`params.${key} must be an object of parameter values.`);
    }
  }
}

/** `httpDispatch`'s query: Insanic's form, except for names the caller gave a style in `queryStyles`. */
export function dispatchQuery(query: Record<string, unknown> | undefined, styles: Record<string, QueryStyle> | undefined): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    const style = styles && Object.hasOwn(styles, name) ? styles[name] : undefined;
    if (style) pairs.push(...queryPairs({ ...style, name, in: 'query' }, value));
    else insanicPairs(pairs, name, value);
  }
  return pairs;
}
