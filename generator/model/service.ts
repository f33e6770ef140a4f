/**
 * A bundled document → `ServiceModel`: walks paths in spec order, resolves method-name collisions
 * deterministically (first keeps the name, later ones get the next free numeric suffix, with a warning).
 */
import type { HttpMethod } from '@svc-gen/runtime';
import type { ServiceModel } from './model-types.js';
import { pascalCase, safeIdentifier } from './names.js';
import { buildOperation, OPERATION_TYPE_SUFFIXES, type RawOperation, typeNameOf, wantedName } from './operation.js';
import { deref, isObject } from './resolve.js';
import { schemaNames } from './schemas.js';

type Json = Record<string, unknown>;

/** Methods the runtime can send, in the order openapi-typescript emits them. */
const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** Builds the model of one service; `name` is its registry key (kebab-case). */
export function buildService(doc: Json, name: string): ServiceModel {
  const warnings: string[] = [];
  const raws = collectOperations(doc, (m) => warnings.push(m));
  const methodNames = assignNames(raws, (m) => warnings.push(m));
  const className = safeIdentifier(`${pascalCase(name)}Service`, 'Service');
  // Schema exports share the client module with the class and the per-operation types: those keep their names.
  const taken = new Set([className, `${className}Errors`, ...methodNames.flatMap((m) => OPERATION_TYPE_SUFFIXES.map((s) => `${typeNameOf(m)}${s}`))]);
  const names = schemaNames(doc, taken, (m) => warnings.push(m));
  const operations = raws.map((raw, i) => buildOperation(doc, raw, methodNames[i] ?? 'op', names, (m) => warnings.push(m)));
  const info = isObject(doc['info']) ? doc['info'] : {};
  const docs = [info['title'], info['description']].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
  return { name, className, docs, operations, schemas: names.schemas, warnings };
}

function collectOperations(doc: Json, warn: (msg: string) => void): RawOperation[] {
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const out: RawOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = deref(doc, item);
    if (!pathItem) continue;
    if (pathItem['trace'] !== undefined) warn(`TRACE ${path}: TRACE is not supported by the runtime; skipped`);
    for (const method of METHODS) {
      const op = deref(doc, pathItem[method.toLowerCase()]);
      if (op) out.push({ path, method, pathItem, op, wantedName: wantedName(op, method, path) });
    }
  }
  return out;
}

/** Safe, unique names, in operation order. */
function assignNames(raws: readonly RawOperation[], warn: (msg: string) => void): string[] {
  const wanted = raws.map((r) => safeIdentifier(r.wantedName, 'operation'));
  const taken = new Set<string>();
  const firstOwner = new Map<string, RawOperation>();
  const all = new Set(wanted);
  return wanted.map((name, i) => {
    const raw = raws[i] as RawOperation;
    if (!taken.has(name)) {
      taken.add(name);
      firstOwner.set(name, raw);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}${n}`) || all.has(`${name}${n}`)) n++;
    const unique = `${name}${n}`;
    taken.add(unique);
    const first = firstOwner.get(name);
    warn(`${raw.method} ${raw.path} and ${first?.method} ${first?.path} both map to method ${name}; the former is named ${unique}`);
    return unique;
  });
}
