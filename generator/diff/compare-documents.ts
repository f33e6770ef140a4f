/**
 * Two bundled documents of one service → every change, classified. Document-level checks
 * (servers, global security) first, then operations in old-spec order, then added operations.
 */
import { isObject } from '../model/resolve.js';
import type { RawChange } from './change-types.js';
import type { Emit } from './emit.js';
import { label, matchOperations, methodName, pathKey } from './match.js';
import type { OperationSide } from './operation-side.js';
import { compareRequest } from './request-compare.js';
import { compareResponses } from './response-compare.js';
import { SchemaComparer } from './schema-compare.js';
import { compareGlobalSecurity, compareOperationSecurity, compareServers } from './security-compare.js';

type Json = Record<string, unknown>;

/** Every change between `oldDoc` and `newDoc` of service `service`. */
export function compareDocuments(service: string, oldDoc: Json, newDoc: Json): RawChange[] {
  const out: RawChange[] = [];
  const emitFor =
    (operation: string | null): Emit =>
    (kind, o, n, message) =>
      out.push({ kind, operation, pointer: { old: o, new: n }, message, service });
  const doc = emitFor(null);
  compareServers(oldDoc, newDoc, doc);
  compareGlobalSecurity(oldDoc, newDoc, doc);
  const schemas = new SchemaComparer(oldDoc, newDoc);
  const match = matchOperations(oldDoc, newDoc);
  for (const [o, n] of match.pairs) compareOperation(o, n, schemas, emitFor(label(o)));
  for (const [o, n] of match.moved) {
    const same = pathKey(o.path) === pathKey(n.path);
    const kind = same ? 'api-method-changed' : 'api-path-changed';
    emitFor(label(o))(kind, o.pointer, n.pointer, `operation ${String(o.op['operationId'])} moved from ${label(o)} to ${label(n)}`);
  }
  const newPaths = new Set(Object.keys(isObject(newDoc['paths']) ? newDoc['paths'] : {}).map(pathKey));
  for (const o of match.removed) {
    const deprecated = o.op['deprecated'] === true ? 'with' : 'without';
    const whole = !newPaths.has(pathKey(o.path));
    const kind = whole ? `api-path-removed-${deprecated}-deprecation` : `api-removed-${deprecated}-deprecation`;
    emitFor(label(o))(kind, o.pointer, null, `${whole ? 'path' : 'operation'} removed: the client method ${methodName(o)}() is gone`);
  }
  for (const n of match.added) emitFor(label(n))('endpoint-added', null, n.pointer, `new operation: client method ${methodName(n)}()`);
  return out;
}

function compareOperation(o: OperationSide, n: OperationSide, schemas: SchemaComparer, emit: Emit): void {
  const [was, is] = [methodName(o), methodName(n)];
  if (was !== is) {
    const oldId = o.op['operationId'];
    const kind = typeof oldId === 'string' ? 'api-operation-id-removed' : 'api-operation-id-added';
    const idText =
      typeof oldId === 'string'
        ? `operationId ${oldId} replaced by ${String(n.op['operationId'] ?? '(none)')}`
        : `operationId ${String(n.op['operationId'])} added`;
    emit(
      kind,
      typeof oldId === 'string' ? `${o.pointer}/operationId` : o.pointer,
      n.op['operationId'] === undefined ? n.pointer : `${n.pointer}/operationId`,
      `${idText}: method renamed for consumers, ${was}() is now ${is}()`,
    );
  }
  compareOperationSecurity(o, n, emit);
  compareRequest(o, n, schemas, emit);
  compareResponses(o, n, schemas, emit);
}
