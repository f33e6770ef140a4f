/**
 * Path/query/header/cookie parameters → the `path`, `query`, `headers`, `cookies` parts of
 * `params`, and the serialization facts the runtime needs (OperationSpec.params), so the
 * runtime sends each parameter as the spec's Style Values say without reading the spec.
 * Path-item parameters apply to every operation unless the operation redefines them (OpenAPI 3.1 §4.8.9).
 */
import type { ParamLocation, ParamStyle } from '@svc-gen/runtime';
import { escapePointer } from '../util/json-pointer.js';
import { jsString } from './escape.js';
import type { ParamFacts, ParamPart } from './model-types.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

/** openapi-typescript's key under `parameters` → the part of `params` svc-gen sends it in. */
const PART_OF_LOCATION = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' } as const;
const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
/** Styles each location may use (OpenAPI 3.1.1 §4.8.12.4, plus 3.2's `cookie`). */
const STYLES: Record<ParamLocation, readonly ParamStyle[]> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form', 'cookie'],
};
const DEFAULT_STYLE: Record<ParamLocation, ParamStyle> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

/** One parameter as the model keeps it. */
interface Param {
  readonly name: string;
  readonly in: ParamLocation;
  readonly raw: Json;
  /** Where it is listed: `parameters/<i>` of the path item, or `<method>/parameters/<i>`. */
  readonly at: string;
}

/** The parameters of an operation (path-item ones overridden by the operation's), in spec order. */
export function operationParameters(doc: Json, pathItem: Json, op: Json, skipped?: (name: string, where: unknown, at: string) => void): Param[] {
  const byKey = new Map<string, Param>();
  for (const [prefix, list] of [
    ['', pathItem['parameters']],
    ['op/', op['parameters']],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i: number) => {
      const p = deref(doc, item);
      if (!p || typeof p['name'] !== 'string') return;
      if (!(LOCATIONS as readonly unknown[]).includes(p['in'])) {
        skipped?.(p['name'], p['in'], `${prefix}parameters/${i}`);
        return;
      }
      byKey.set(`${p['in']}:${p['name']}`, { name: p['name'], in: p['in'] as ParamLocation, raw: p, at: `${prefix}parameters/${i}` });
    });
  }
  return [...byKey.values()];
}

/** The parameter parts an operation has, in the order path, query, headers, cookies. */
export function parameterParts(doc: Json, pathItem: Json, op: Json, opType: string): ParamPart[] {
  const params = operationParameters(doc, pathItem, op);
  const parts: ParamPart[] = [];
  for (const loc of LOCATIONS) {
    const here = params.filter((p) => p.in === loc);
    if (here.length === 0) continue;
    const required = loc === 'path' || here.some((p) => p.raw['required'] === true);
    const json = keys(here.filter((p) => isObject(p.raw['content'])));
    const deep = keys(here.filter((p) => !isObject(p.raw['content']) && p.raw['style'] === 'deepObject'));
    const base = `NonNullable<${opType}['parameters']['${loc}']>`;
    // $StyledParams turns a value no style can carry (a nested object) into `never`: a compile error at the call.
    parts.push({ key: PART_OF_LOCATION[loc], required, type: `$StyledParams<${base}, ${json}, ${deep}>` });
  }
  return parts;
}

function keys(params: readonly Param[]): string {
  return params.length === 0 ? 'never' : params.map((p) => jsString(p.name)).join(' | ');
}

/** True for documents whose Style Examples are the 3.0.0–3.0.3 / 3.1.0 tables (changed in 3.0.4 and 3.1.1). */
export function legacyStyleTable(doc: Json): boolean {
  const version = typeof doc['openapi'] === 'string' ? doc['openapi'] : '3.0.0';
  return /^3\.0(\.[0-3])?(-.*)?$/.test(version) || /^3\.1(\.0)?(-.*)?$/.test(version);
}

/**
 * The serialization facts of every parameter (the template writes them as `OperationSpec.params`),
 * with the fields that differ from OpenAPI's defaults. Every parameter is listed because one the
 * table does not describe is sent as `httpDispatch` sends it (Insanic's form), not as the spec says.
 * Combinations OpenAPI leaves undefined are reported through `warn`, with the parameter's pointer.
 */
export function parameterSpecs(doc: Json, pathItem: Json, op: Json, warn: (msg: string) => void, route = { path: '', method: '' }): ParamFacts[] {
  const legacy = legacyStyleTable(doc);
  const out: ParamFacts[] = [];
  const item = `#/paths/${escapePointer(route.path)}`;
  const pointerOf = (at: string) => `${item}/${at.replace(/^op\//, `${route.method.toLowerCase()}/`)}`;
  const skipped = (name: string, where: unknown, at: string) =>
    warn(`parameter ${JSON.stringify(name)} (${pointerOf(at)}): in ${JSON.stringify(where)} is not a location svc-gen sends; it is not sent`);
  for (const p of operationParameters(doc, pathItem, op, skipped)) {
    const pointer = pointerOf(p.at);
    const what = `${p.in} parameter ${JSON.stringify(p.name)} (${pointer})`;
    const facts: Mutable<ParamFacts> = {
      name: p.name,
      in: p.in,
      style: null,
      explodeTrue: false,
      explodeFalse: false,
      allowReserved: false,
      allowEmptyValue: false,
      content: null,
      legacy: false,
    };
    const content = p.raw['content'];
    if (isObject(content)) {
      const types = Object.keys(content);
      const type = types[0] ?? 'application/json';
      if (types.length !== 1) warn(`${what}: content must have exactly one media type; using ${JSON.stringify(type)}`);
      if (!/json/i.test(type)) warn(`${what}: content ${JSON.stringify(type)} is sent as JSON text`);
      facts.content = type;
    } else {
      const style = (typeof p.raw['style'] === 'string' ? p.raw['style'] : DEFAULT_STYLE[p.in]) as ParamStyle;
      const explode = p.raw['explode'];
      if (!STYLES[p.in].includes(style))
        warn(`${what}: style ${JSON.stringify(style)} is not defined for ${p.in} parameters; calls with it fail with invalid_usage`);
      if (explode === true && (style === 'spaceDelimited' || style === 'pipeDelimited'))
        warn(`${what}: ${style} with explode: true is undefined by OpenAPI; calls with it fail with invalid_usage`);
      if (style !== DEFAULT_STYLE[p.in]) facts.style = style;
      if (typeof explode === 'boolean' && explode !== (style === 'form' || style === 'cookie')) {
        facts.explodeTrue = explode;
        facts.explodeFalse = !explode;
      }
      facts.allowReserved = p.raw['allowReserved'] === true && p.in === 'query';
      facts.allowEmptyValue = p.raw['allowEmptyValue'] === true && p.in === 'query';
      facts.legacy = legacy && (style === 'label' || style === 'pipeDelimited' || style === 'deepObject');
    }
    out.push(facts);
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Names of `{placeholders}` in a path template that no parameter declares (the runtime cannot fill them). */
export function undeclaredPathParams(path: string, parts: readonly ParamPart[]): string[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  return parts.some((p) => p.key === 'path') ? [] : names;
}

/** Whether a value is an object whose `required` list names `prop`. */
export function isRequiredProp(schema: unknown, prop: string): boolean {
  return isObject(schema) && Array.isArray(schema['required']) && schema['required'].includes(prop);
}

/**
 * openapi-typescript types a `content` parameter as `string` (it reads `schema` only). Giving each
 * such Parameter Object the `schema` of its media type makes its type the schema's, as the runtime
 * sends it (JSON). Mutates `doc`: call it on the copy handed to openapi-typescript.
 */
export function typeContentParameters(doc: Json): void {
  const lists: unknown[] = [];
  const paths = doc['paths'];
  if (isObject(paths)) {
    for (const item of Object.values(paths)) {
      if (!isObject(item)) continue;
      lists.push(item['parameters']);
      for (const op of Object.values(item)) if (isObject(op)) lists.push(op['parameters']);
    }
  }
  const components = doc['components'];
  if (isObject(components) && isObject(components['parameters'])) lists.push(Object.values(components['parameters']));
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (!isObject(p) || p['schema'] !== undefined || !isObject(p['content'])) continue;
      const media = Object.values(p['content'])[0];
      p['schema'] = isObject(media) && media['schema'] !== undefined ? media['schema'] : {};
    }
  }
}
