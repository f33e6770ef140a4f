/**
 * Parse + convert + bundle one service's spec. OpenAPI 3.x is taken as is; Swagger 2.0 is converted
 * with swagger2openapi; external `$ref`s between local files are bundled in with @redocly/openapi-core.
 * Every failure becomes an `SvcGenInputError` naming the file, the location and the reason.
 *
 * What a spec may reach: files inside its own folder (the entry file's directory, after symlinks),
 * read with svc-gen's own parser (so its limits hold for every file). A remote `$ref` (http:, https:)
 * and a file outside the folder are refused before any connection is opened or any byte is read.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { BaseResolver, bundle, createConfig, isAbsoluteUrl, Source, type Config, type Document } from '@redocly/openapi-core';
import { inputError, isSvcGenInputError, SvcGenInputError, type InputProblem } from './errors.js';
import type { SpecSource } from './discover.js';
import { bundleProblems } from './load-problems.js';
import { typeCycleProblems } from './model/cycles.js';
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

/** `scheme:` of a URL (two letters at least, so a Windows drive `C:` is not one). */
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/**
 * Refuses remote refs (generation must be reproducible offline and from the repo alone) and files
 * outside `root`, and parses every file it does load with `parseSpecText`.
 */
class LocalResolver extends BaseResolver {
  /** Text of each file loaded, by absolute path (hashed for the manifest; never read twice). */
  readonly loaded = new Map<string, string>();
  /** Problems svc-gen's parser found in referenced files (reported as they are, with their line). */
  readonly problems: InputProblem[] = [];

  /** The spec's folder as given, and with symlinks resolved. */
  readonly #root: string;
  readonly #realRoot: string;

  constructor(config: Config['resolve'], root: string) {
    super(config);
    this.#root = root;
    this.#realRoot = realPath(root);
  }

  override resolveExternalRef(base: string | null, ref: string): string {
    // A URL of any scheme stays a URL (BaseResolver would take `file:…` for a relative path), for loadExternalRef to refuse.
    return URL_SCHEME.test(ref) ? ref : super.resolveExternalRef(base, ref);
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    // Checked here, before BaseResolver fetches or reads anything.
    if (isAbsoluteUrl(absoluteRef) || URL_SCHEME.test(absoluteRef)) {
      throw new Error(`remote $ref ${absoluteRef} is not supported; vendor the file next to the spec`);
    }
    // Both as written and after symlinks (a link inside the folder may point out of it).
    if (!isInside(this.#root, path.resolve(absoluteRef)) || !isInside(this.#realRoot, realPath(absoluteRef))) {
      throw new Error(`$ref to ${absoluteRef} leaves the spec's folder ${this.#root}; svc-gen reads only files inside it`);
    }
    const source = await super.loadExternalRef(absoluteRef);
    this.loaded.set(absoluteRef, source.body);
    return source;
  }

  override parseDocument(source: Source, isRoot = false): Document {
    if (!isRoot && !/\.(json|ya?ml)$/i.test(source.absoluteRef)) return { source, parsed: source.body };
    try {
      return { source, parsed: parseSpecText(source.absoluteRef, source.body).value };
    } catch (e) {
      if (isSvcGenInputError(e)) this.problems.push(...e.problems);
      throw e;
    }
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
  const resolver = new LocalResolver(config.resolve, path.dirname(path.resolve(file)));
  // A converted Swagger document no longer matches the file's text, so locations there are pointers only.
  const body = converted ? JSON.stringify(document) : text;
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({ doc: { source: new Source(file, body), parsed: document }, config, externalRefResolver: resolver, dereference: false });
  } catch (e) {
    // The bundler throws (rather than reporting) on a $ref cycle with nothing in between.
    const cycles = typeCycleProblems(file, document);
    throw cycles.length > 0 ? new SvcGenInputError(cycles) : inputError('SVCGEN_INVALID_SPEC', file, `cannot bundle: ${(e as Error).message}`);
  }
  if (resolver.problems.length > 0) throw new SvcGenInputError(resolver.problems);
  const problems = bundleProblems(file, result.problems, !converted);
  if (problems.length > 0) throw new SvcGenInputError(problems);
  const inputHashes = new Map<string, string>([[file, sha256(text)]]);
  for (const ref of [...resolver.loaded.keys()].sort()) {
    if (ref !== file) inputHashes.set(ref, sha256(resolver.loaded.get(ref) ?? ''));
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

/** True when absolute path `p` is `root` or below it. */
function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** `p` with symlinks resolved; for a path that does not exist, its nearest existing ancestor's. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
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
