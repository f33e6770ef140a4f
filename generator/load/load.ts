/**
 * Parse + convert + bundle one service's spec. OpenAPI 3.x is taken as is; Swagger 2.0 is converted
 * with swagger2openapi; a document whose `$ref`s are all internal is already bundled, and any other
 * goes through bundle.ts (@redocly/openapi-core, loaded only then).
 * Every failure becomes an `SvcGenInputError` naming the file, the location and the reason.
 * A file found by scanning a folder whose top level has neither `openapi` nor `swagger` is a shared
 * file (errors, pagination, ... that services `$ref`), not a service: it is reported, not refused.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { inputError, SvcGenInputError } from '../errors.js';
import { sha256 } from '../util/hash.js';
import type { SpecSource } from './discover.js';
import type { OpenAPIDocument } from './document.js';
import { collapseRefsIntoPaths } from './normalize.js';
import { MAX_DEPTH, parseSpecText } from './parse.js';
import { refBoundary } from './ref-boundary.js';
import { type Survey, surveyDocument } from './survey.js';

/** One service's spec after loading. */
export interface LoadedSpec {
  readonly source: SpecSource;
  readonly document: OpenAPIDocument;
  /** sha256 of every file the spec was read from, by absolute path. */
  readonly inputHashes: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

/** A scanned file that is not a spec but a part services share: skipped, listed in the report. */
export interface SharedFile {
  readonly shared: true;
  readonly file: string;
  /** sha256 of its text (in the manifest, so turning it into a spec is noticed by `--check`). */
  readonly hash: string;
}

/** How to load: the `$ref` boundary set by `--ref-root`/`refRoot` (absolute), and whether a non-spec file may be a shared file. */
export interface LoadOptions {
  readonly refRoot: string | undefined;
  /** True for files found by scanning a folder (a file named directly must be a spec). */
  readonly allowShared: boolean;
}

/** Loads one spec source; a scanned shared file comes back as a `SharedFile`. */
export async function loadSpec(source: SpecSource, options: LoadOptions = { refRoot: undefined, allowShared: false }): Promise<LoadedSpec | SharedFile> {
  const result = await loadSurveyed(source, options);
  return 'shared' in result ? result : result.loaded;
}

/**
 * `loadSpec`, with the survey (survey.ts) of the document it returns, so the checks and the types
 * step that follow need not walk it again. The survey holds nodes of the document: it stays in the
 * thread that loaded it (a `LoadedSpec` is plain data that may cross to another).
 */
export async function loadSurveyed(source: SpecSource, options: LoadOptions): Promise<{ loaded: LoadedSpec; survey: Survey } | SharedFile> {
  const file = source.entry;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw inputError('SVCGEN_PATH_NOT_FOUND', file, `cannot read: ${(e as Error).message}`);
  }
  const text = bytes.toString('utf8');
  // The hash of the text read as UTF-8: of the bytes themselves when they are valid UTF-8 (the same
  // digest without encoding 13 MB again), of the decoded text otherwise (its replacement characters).
  const hash = isUtf8(bytes) ? sha256(bytes) : sha256(text);
  const parsed = parseSpecText(file, text);
  if (options.allowShared && isSharedFile(parsed.value)) return { shared: true, file, hash };
  const { document, converted } = await toOpenAPI3(file, parsed.value);
  // One walk normalizes discriminator mappings and finds whether the document is already bundled.
  // A Swagger document is converted into a new object that may share nodes; a JSON file's value shares none.
  const tree = parsed.tree && !converted;
  let survey = surveyDocument(document, { normalize: true, tree });
  if (survey.tooDeep) throw tooDeep(file);
  const bundled = survey.internal
    ? { document, loaded: new Map<string, string>(), warnings: [] }
    : await (await import('./bundle.js')).bundleSpec(file, text, document, converted, refBoundary(file, options.refRoot));
  const inputHashes = new Map<string, string>([[file, hash]]);
  for (const [ref, body] of [...bundled.loaded].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ref !== file) inputHashes.set(ref, sha256(body));
  }
  // The bundler adds to the document it is given (and may return another): a bundled document is surveyed again.
  if (!survey.internal) survey = surveyDocument(bundled.document);
  if (survey.refsIntoPaths) {
    const unsupported = collapseRefsIntoPaths(bundled.document);
    if (unsupported.length > 0) {
      throw new SvcGenInputError(
        unsupported.map((u) => ({
          code: 'SVCGEN_INVALID_SPEC' as const,
          file,
          location: { pointer: u.pointer },
          reason: `$ref ${JSON.stringify(u.ref)} points inside paths; openapi-typescript cannot type that: move the schema to components/schemas`,
        })),
      );
    }
    // The copies made are structuredClones, so a tree stays one.
    survey = surveyDocument(bundled.document, { tree: survey.tree });
  }
  if (survey.tooDeep) throw tooDeep(file);
  return { loaded: { source, document: bundled.document, inputHashes, warnings: [...parsed.warnings, ...bundled.warnings] }, survey };
}

function tooDeep(file: string) {
  return inputError('SVCGEN_RESOURCE_LIMIT', file, `nested deeper than ${MAX_DEPTH} levels; refusing to read it`);
}

/** True for a loaded value that is not a spec: its top level holds neither `openapi` nor `swagger`. */
export function isSharedFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return !('openapi' in value) && !('swagger' in value);
}

/** Checks the document is OpenAPI 3.x or Swagger 2.0 and converts the latter. */
async function toOpenAPI3(file: string, value: unknown): Promise<{ document: OpenAPIDocument; converted: boolean }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw inputError('SVCGEN_NOT_OPENAPI', file, 'not an OpenAPI document: the top level is not an object', { pointer: '' });
  }
  const doc = value as Record<string, unknown>;
  const raw = doc['openapi'];
  // YAML reads an unquoted `openapi: 3.0` as the number 3.
  const openapi = raw === undefined ? undefined : typeof raw === 'number' && Number.isInteger(raw) ? `${raw}.0` : String(raw);
  if (openapi !== undefined) {
    if (!/^3\.\d+(\.\d+)?(-.+)?$/.test(openapi)) {
      throw inputError('SVCGEN_NOT_OPENAPI', file, `unsupported OpenAPI version ${JSON.stringify(openapi)} (expected 3.x)`, { pointer: '/openapi' });
    }
    return { document: { ...doc, openapi }, converted: false };
  }
  if (doc['swagger'] !== undefined) {
    if (String(doc['swagger']) !== '2.0') {
      throw inputError('SVCGEN_NOT_OPENAPI', file, `unsupported Swagger version ${JSON.stringify(doc['swagger'])} (expected 2.0)`, { pointer: '/swagger' });
    }
    const { default: s2o } = await import('swagger2openapi');
    try {
      const r = await s2o.convertObj(doc, { patch: true, warnOnly: true, resolve: false });
      return { document: r.openapi as OpenAPIDocument, converted: true };
    } catch (e) {
      throw inputError('SVCGEN_INVALID_SPEC', file, `cannot convert Swagger 2.0: ${(e as Error).message}`, { pointer: '' });
    }
  }
  throw inputError('SVCGEN_NOT_OPENAPI', file, 'not an OpenAPI document: no "openapi: 3.x" or "swagger: 2.0" field', { pointer: '' });
}
