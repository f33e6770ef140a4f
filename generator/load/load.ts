/**
 * Parse + convert + bundle one service's spec. OpenAPI 3.x is taken as is; Swagger 2.0 is converted
 * with swagger2openapi; a document whose `$ref`s are all internal is already bundled, and any other
 * goes through bundle.ts (@redocly/openapi-core, loaded only then).
 * Every failure becomes an `SvcGenInputError` naming the file, the location and the reason.
 * A file found by scanning a folder whose top level has neither `openapi` nor `swagger` is a shared
 * file (errors, pagination, ... that services `$ref`), not a service: it is reported, not refused.
 */
import { readFileSync } from 'node:fs';
import { inputError, SvcGenInputError } from '../errors.js';
import { resolvePointer } from '../model/resolve.js';
import { sha256 } from '../util/hash.js';
import type { SpecSource } from './discover.js';
import type { OpenAPIDocument } from './document.js';
import { collapseRefsIntoPaths, normalizeMapping } from './normalize.js';
import { parseSpecText } from './parse.js';
import { refBoundary } from './ref-boundary.js';

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
  const file = source.entry;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('SVCGEN_PATH_NOT_FOUND', file, `cannot read: ${(e as Error).message}`);
  }
  const parsed = parseSpecText(file, text);
  if (options.allowShared && isSharedFile(parsed.value)) return { shared: true, file, hash: sha256(text) };
  const { document, converted } = await toOpenAPI3(file, parsed.value);
  // One walk normalizes discriminator mappings and finds whether the document is already bundled.
  const bundled = normalizeAndCheckSelfContained(document)
    ? { document, loaded: new Map<string, string>(), warnings: [] }
    : await (await import('./bundle.js')).bundleSpec(file, text, document, converted, refBoundary(file, options.refRoot));
  const inputHashes = new Map<string, string>([[file, sha256(text)]]);
  for (const [ref, body] of [...bundled.loaded].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ref !== file) inputHashes.set(ref, sha256(body));
  }
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
  return { source, document: bundled.document, inputHashes, warnings: [...parsed.warnings, ...bundled.warnings] };
}

/** True for a loaded value that is not a spec: its top level holds neither `openapi` nor `swagger`. */
export function isSharedFile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return !('openapi' in value) && !('swagger' in value);
}

/**
 * Normalizes discriminator mappings (normalize.ts) and answers whether every `$ref` in the document
 * is internal and resolves, in one walk. Such a document is already bundled, so the redocly walk
 * (about 40% of the time on a large spec) is skipped; its type cycles are checked with the rest of
 * the document (model/validate.ts). Anything else, including a dangling ref, takes the bundler's
 * path, which reports it with its line.
 */
function normalizeAndCheckSelfContained(doc: OpenAPIDocument): boolean {
  let internal = true;
  const stack: unknown[] = [doc];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const obj = node as Record<string, unknown>;
    normalizeMapping(obj);
    const ref = obj['$ref'];
    if (internal && typeof ref === 'string' && (!ref.startsWith('#') || resolvePointer(doc, ref) === undefined)) internal = false;
    for (const key in obj) {
      const v = obj[key];
      if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return internal;
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
