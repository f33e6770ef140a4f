/**
 * Document-level checks the model relies on. openapi-typescript keys its `operations` interface by
 * operationId (with `#` read as `/`), so two operations sharing one would not compile: reject them
 * here. A schema that contains itself with no object in between would not compile either (cycles.ts).
 */
import { inputError, SvcGenInputError } from '../errors.js';
import { typeCycleProblems } from './cycles.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Throws `SVCGEN_INVALID_SPEC` for a duplicate operationId (at the JSON pointer of the second use,
 * naming the first) and for schemas that contain themselves with no object in between.
 */
export function validateDocument(file: string, doc: Json): void {
  uniqueOperationIds(file, doc);
  const cycles = typeCycleProblems(file, doc);
  if (cycles.length > 0) throw new SvcGenInputError(cycles);
}

function uniqueOperationIds(file: string, doc: Json): void {
  const seen = new Map<string, string>();
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = deref(doc, item);
    if (!pathItem || isObject(item) && typeof item['$ref'] === 'string') continue;
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op) || typeof op['operationId'] !== 'string') continue;
      const id = op['operationId'].replace(/#/g, '/');
      const pointer = `/paths/${escapePointer(path)}/${method}/operationId`;
      const first = seen.get(id);
      if (first !== undefined) {
        throw inputError('SVCGEN_INVALID_SPEC', file, `operationId ${JSON.stringify(op['operationId'])} is also used at #${first}`, { pointer });
      }
      seen.set(id, pointer);
    }
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
