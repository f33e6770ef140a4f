/**
 * Parse + convert + bundle one service's spec. OpenAPI 3.x is taken as is; Swagger 2.0 is converted
 * with swagger2openapi; external `$ref`s between local files are bundled in with @redocly/openapi-core.
 * Every failure becomes an `SvcGenInputError` naming the file, the location and the reason.
 */
import { readFileSync } from 'node:fs';
import { BaseResolver, bundle, createConfig, isAbsoluteUrl, Source, type Config } from '@redocly/openapi-core';
import { inputError, SvcGenInputError } from './errors.js';
import type { SpecSource } from './discover.js';
import { bundleProblems } from './load-problems.js';
import { collapseRefsIntoPaths, normalizeDiscriminatorMappings } from './normalize.js';
import { sha256 } from './output/manifest.js';
import { parseSpecText } from './parse.js';

/** A bundled OpenAPI 3.x document (internal `#/` refs only). */
export type OpenAPIDocument = Record<string, unknown> & { openapi: string };

/** One service's spec after loading. */
export interface LoadedSpec {
  readonly source: SpecSource;
  readonly document: OpenAPIDocument;
  /** sha256 of every file the spec was read from, by absolute path. */
  readonly inputHashes: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

/** Refuses remote refs: generation must be reproducible offline and from the repo alone. */
class LocalResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) throw new Error(`remote $ref ${absoluteRef} is not supported; vendor the file next to the spec`);
    return super.loadExternalRef(absoluteRef);
  }
}

let configPromise: Promise<Config> | undefined;

/** Loads one spec source. */
export async function loadSpec(source: SpecSource): Promise<LoadedSpec> {
  const file = source.entry;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('SVCGEN_PATH_NOT_FOUND', file, `cannot read: ${(e as Error).message}`);
  }
  const parsed = parseSpecText(file, text);
  const { document, converted } = await toOpenAPI3(file, parsed.value);
  normalizeDiscriminatorMappings(document);
  configPromise ??= createConfig({ rules: {} });
  const config = await configPromise;
  const resolver = new LocalResolver(config.resolve);
  // A converted Swagger document no longer matches the file's text, so locations there are pointers only.
  const body = converted ? JSON.stringify(document) : text;
  const result = await bundle({ doc: { source: new Source(file, body), parsed: document }, config, externalRefResolver: resolver, dereference: false });
  const problems = bundleProblems(file, result.problems, !converted);
  if (problems.length > 0) throw new SvcGenInputError(problems);
  const inputHashes = new Map<string, string>([[file, sha256(text)]]);
  for (const ref of [...resolver.getFiles()].sort()) {
    if (ref !== file) inputHashes.set(ref, sha256(readFileSync(ref, 'utf8')));
  }
  const bundled = result.bundle.parsed as OpenAPIDocument;
  const unsupported = collapseRefsIntoPaths(bundled);
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
  return { source, document: bundled, inputHashes, warnings: parsed.warnings };
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
