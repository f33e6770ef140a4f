/**
 * Path/query/header parameters → the `path`, `query`, `headers` parts of `params`.
 * Path-item parameters apply to every operation unless the operation redefines them (OpenAPI 3.1 §4.8.9).
 */
import type { ParamPart } from './types.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

/** openapi-typescript's key under `parameters` for each part svc-gen sends. */
const PART_OF_LOCATION = { path: 'path', query: 'query', header: 'headers' } as const;

/** The parameter parts an operation has, in the order path, query, headers. */
export function parameterParts(doc: Json, pathItem: Json, op: Json, opType: string, warn: (msg: string) => void): ParamPart[] {
  const byKey = new Map<string, Json>();
  for (const list of [pathItem['parameters'], op['parameters']]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const p = deref(doc, item);
      if (!p || typeof p['name'] !== 'string' || typeof p['in'] !== 'string') continue;
      byKey.set(`${p['in']}:${p['name']}`, p);
    }
  }
  const required = { path: false, query: false, header: false };
  const present = { path: false, query: false, header: false };
  for (const p of byKey.values()) {
    const where = p['in'] as string;
    if (where === 'cookie') {
      warn(`cookie parameter ${JSON.stringify(p['name'])} is not sent by the typed method; pass a Cookie header in options.headers`);
      continue;
    }
    if (!(where in present)) continue;
    const loc = where as keyof typeof present;
    present[loc] = true;
    if (loc === 'path' || p['required'] === true) required[loc] = true;
  }
  const parts: ParamPart[] = [];
  for (const loc of ['path', 'query', 'header'] as const) {
    if (!present[loc]) continue;
    parts.push({ key: PART_OF_LOCATION[loc], required: required[loc], type: `NonNullable<${opType}['parameters']['${loc}']>` });
  }
  return parts;
}

/** Names of `{placeholders}` in a path template that no parameter declares (the runtime cannot fill them). */
export function undeclaredPathParams(path: string, parts: readonly ParamPart[]): string[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  return parts.some((p) => p.key === 'path') ? [] : names;
}

/** Whether a value is an object whose `required` list names `prop`. */
export function isRequiredProp(schema: unknown, prop: string): boolean {
  return isObject(schema) && Array.isArray(schema['required']) && schema['required'].includes(prop);
}
