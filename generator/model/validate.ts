/**
 * Document-level checks the model relies on. openapi-typescript keys its `operations` interface by
 * operationId (with `#` read as `/`, and `%XX` decoded where it is referenced), so two operations
 * sharing one, or one with a `%`, would not compile: reject them here. A schema that contains
 * itself with no object in between would not compile either (cycles.ts).
 */
import { inputError, SvcGenInputError } from '../errors.js';
import type { Survey } from '../load/survey.js';
import { PATH_ITEM_METHODS } from '../util/http-methods.js';
import { escapePointer, pointerIndex } from '../util/json-pointer.js';
import { checkTypeCycles } from './cycles.js';
import { pathTemplateProblems } from './path-templates.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

/**
 * Throws `SVCGEN_INVALID_SPEC` for a path key with a bad `%`, an operationId with a `%`, a
 * duplicate operationId (at the JSON pointer of the second use, naming the first), a `$ref` to a
 * key with a `%`, and schemas that contain themselves with no object (nor array of a named schema) in between; and every path
 * template `{name}` without its path parameter, or path parameter without its `{name}` (all of them).
 */
export function validateDocument(file: string, doc: Json, survey: Pick<Survey, 'root' | 'percentRef' | 'cycleStarts'>): Validated {
  if (survey.root !== doc) throw new Error('validateDocument: the survey is of another document');
  checkPaths(file, doc);
  checkRefs(file, doc, survey.percentRef);
  const templates = pathTemplateProblems(file, doc);
  if (templates.length > 0) throw new SvcGenInputError(templates);
  const cycles = checkTypeCycles(file, doc, survey.cycleStarts);
  if (cycles.problems.length > 0) throw new SvcGenInputError([...cycles.problems]);
  return { lazyArrays: cycles.lazyArrays };
}

/** What the types step needs from the checks. */
export interface Validated {
  /** Schemas whose arrays types.d.ts prints as interfaces (cycles.ts). */
  readonly lazyArrays: readonly string[];
}

/** Path keys with a bad `%`; operationIds with a `%`, or used twice. */
function checkPaths(file: string, doc: Json): void {
  const seen = new Map<string, string>();
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    // The bundler and openapi-typescript decode path keys as URI components (and throw on a bad `%`).
    if (!decodes(path)) {
      throw inputError('SVCGEN_INVALID_SPEC', file, `path ${JSON.stringify(path)} has a % that is not a %XX escape of UTF-8; write %25 for a literal %`, {
        pointer: `/paths/${escapePointer(path)}`,
      });
    }
    const pathItem = deref(doc, item);
    if (!pathItem || (isObject(item) && typeof item['$ref'] === 'string')) continue;
    for (const method of PATH_ITEM_METHODS) {
      const op = pathItem[method];
      if (!isObject(op) || typeof op['operationId'] !== 'string') continue;
      const id = op['operationId'].replace(/#/g, '/');
      const pointer = `/paths/${escapePointer(path)}/${method}/operationId`;
      // openapi-typescript decodes the id where it refers to `operations[...]` but not in the key itself.
      if (id.includes('%')) {
        throw inputError(
          'SVCGEN_INVALID_SPEC',
          file,
          `operationId ${JSON.stringify(op['operationId'])} contains %, which openapi-typescript reads as a URI escape (its types would not compile); rename the operation`,
          { pointer },
        );
      }
      const first = seen.get(id);
      if (first !== undefined) {
        throw inputError('SVCGEN_INVALID_SPEC', file, `operationId ${JSON.stringify(op['operationId'])} is also used at #${first}`, { pointer });
      }
      seen.set(id, pointer);
    }
  }
}

/**
 * A `$ref` naming a key that holds `%` (written `%25`): openapi-typescript decodes refs twice, so it
 * would resolve another key or fail ("URI malformed"). The survey found the first one, if any.
 */
function checkRefs(file: string, doc: Json, node: object | undefined): void {
  if (node === undefined) return;
  throw inputError(
    'SVCGEN_INVALID_SPEC',
    file,
    `$ref ${JSON.stringify((node as Json)['$ref'])} names a key with a % in it, which openapi-typescript decodes twice (it would type another key, or fail); rename the key`,
    { pointer: `${pointerIndex(doc)(node)}/$ref` },
  );
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
