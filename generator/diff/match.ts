/**
 * Pairs up what the two sides have: services by name, operations by method + path template
 * (parameter names ignored: `/users/{id}` is `/users/{userId}`). What stays unpaired is looked at
 * once more by operationId, so a method or path change of the same operation is reported as that,
 * not as a removal plus an addition.
 */
import type { HttpMethod } from '@svc-gen/runtime';
import { safeIdentifier } from '../model/names.js';
import { wantedName } from '../model/operation.js';
import { isObject } from '../model/resolve.js';
import { childPointer } from '../util/json-pointer.js';
import type { OperationSide } from './operation-side.js';
import { follow } from './schema-view.js';

type Json = Record<string, unknown>;

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/** The path template with parameter names dropped. */
export function pathKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

/** Every operation of a document, in spec order. */
export function operationsOf(doc: Json): OperationSide[] {
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const out: OperationSide[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const { node: pathItem } = follow(doc, item, childPointer('', 'paths', path));
    const base = childPointer('', 'paths', path);
    for (const method of METHODS) {
      const raw = pathItem[method.toLowerCase()];
      if (raw === undefined) continue;
      const { node: op } = follow(doc, raw, childPointer(base, method.toLowerCase()));
      out.push({ doc, path, method, pathItem, op, pointer: childPointer(base, method.toLowerCase()) });
    }
  }
  return out;
}

/** The client method name an operation gets (before collision suffixes). */
export function methodName(side: OperationSide): string {
  return safeIdentifier(wantedName(side.op, side.method, side.path), 'operation');
}

/** `METHOD /path`, as the report names operations. */
export function label(side: OperationSide): string {
  return `${side.method} ${side.path}`;
}

/** What the operation pairing found. */
export interface OperationMatch {
  readonly pairs: readonly (readonly [OperationSide, OperationSide])[];
  /** Same operationId under another method or path. */
  readonly moved: readonly (readonly [OperationSide, OperationSide])[];
  readonly removed: readonly OperationSide[];
  readonly added: readonly OperationSide[];
}

/** Pairs the operations of two documents. */
export function matchOperations(oldDoc: Json, newDoc: Json): OperationMatch {
  const key = (s: OperationSide) => `${s.method} ${pathKey(s.path)}`;
  const after = new Map(operationsOf(newDoc).map((s) => [key(s), s]));
  const pairs: [OperationSide, OperationSide][] = [];
  const unpaired: OperationSide[] = [];
  for (const o of operationsOf(oldDoc)) {
    const n = after.get(key(o));
    if (n) {
      pairs.push([o, n]);
      after.delete(key(o));
    } else unpaired.push(o);
  }
  const byId = new Map<string, OperationSide>();
  for (const n of after.values()) if (typeof n.op['operationId'] === 'string') byId.set(n.op['operationId'], n);
  const moved: [OperationSide, OperationSide][] = [];
  const removed: OperationSide[] = [];
  for (const o of unpaired) {
    const id = o.op['operationId'];
    const n = typeof id === 'string' ? byId.get(id) : undefined;
    if (n && (pathKey(n.path) === pathKey(o.path) || n.method === o.method)) {
      moved.push([o, n]);
      after.delete(key(n));
      byId.delete(id as string);
    } else removed.push(o);
  }
  return { pairs, moved, removed, added: [...after.values()] };
}
