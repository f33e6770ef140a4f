/**
 * A service's operations as the runtime's `OperationSpec` data, by method name: what the client's
 * `$ops` table holds. Fields the runtime defaults are left out, in the order the runtime documents them.
 */
import type { OperationSpec } from '@svc-gen/runtime';
import type { OperationModel } from '../model/model-types.js';

/** `{ [methodName]: OperationSpec }`, in the operations' order. */
export function operationTable(operations: readonly OperationModel[]): Record<string, OperationSpec> {
  const table: Record<string, OperationSpec> = Object.create(null);
  for (const op of operations) {
    table[op.methodName] = {
      operationId: op.operationId,
      method: op.method,
      path: op.requestPath,
      ...(op.bodyType ? { bodyType: op.bodyType } : {}),
      ...(op.contentType && op.media ? { contentType: op.contentType, media: op.media } : {}),
      ...(op.responseType ? { responseType: op.responseType } : {}),
      ...(op.idempotent ? { idempotent: true } : {}),
      ...(op.paramSpecs.length > 0
        ? {
            params: op.paramSpecs.map((p) => ({
              name: p.name,
              in: p.in,
              ...(p.style ? { style: p.style } : {}),
              ...(p.explodeTrue ? { explode: true } : p.explodeFalse ? { explode: false } : {}),
              ...(p.allowReserved ? { allowReserved: true } : {}),
              ...(p.allowEmptyValue ? { allowEmptyValue: true } : {}),
              ...(p.content ? { content: p.content } : {}),
              ...(p.legacy ? { legacy: true } : {}),
            })),
          }
        : {}),
    };
  }
  return table;
}
