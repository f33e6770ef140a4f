/**
 * External `$ref`s between local files, bundled in with @redocly/openapi-core (imported only for
 * specs that need it). What a spec may reach: `.json`/`.yaml`/`.yml` files inside its boundary
 * (ref-boundary.ts: the repository holding it, or `--ref-root`; checked as written and after
 * symlinks), read with svc-gen's own parser (so its limits hold for every file). A remote `$ref`
 * (http:, https:, file:), a file outside the boundary and a file of another type are refused
 * before any connection is opened or any byte is read.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { BaseResolver, bundle, type Config, createConfig, type Document, isAbsoluteUrl, Source } from '@redocly/openapi-core';
import { type InputProblem, inputError, isSvcGenInputError, SvcGenInputError } from '../errors.js';
import { typeCycleProblems } from '../model/cycles.js';
import type { OpenAPIDocument } from './document.js';
import { bundleProblems } from './load-problems.js';
import { parseSpecText } from './parse.js';
import { describeBoundary, type RefBoundary, WIDEN_HINT } from './ref-boundary.js';

export interface Bundled {
  readonly document: OpenAPIDocument;
  /** Text of every other file the spec was read from, by absolute path. */
  readonly loaded: ReadonlyMap<string, string>;
  /** Warnings for those files (lenient YAML), with file and line. */
  readonly warnings: readonly string[];
}

/** The files a `$ref` may name. */
const SPEC_FILE = /\.(json|ya?ml)$/i;

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

  /** Warnings svc-gen's parser gave for referenced files (lenient YAML). */
  readonly warnings: string[] = [];

  /** The boundary, and its folder with symlinks resolved. */
  readonly #boundary: RefBoundary;
  readonly #realRoot: string;

  constructor(config: Config['resolve'], boundary: RefBoundary) {
    super(config);
    this.#boundary = boundary;
    this.#realRoot = realPath(boundary.root);
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
    if (!isInside(this.#boundary.root, path.resolve(absoluteRef)) || !isInside(this.#realRoot, realPath(absoluteRef))) {
      throw new Error(`$ref to ${absoluteRef} leaves ${describeBoundary(this.#boundary)}; svc-gen reads only files inside it: ${WIDEN_HINT}`);
    }
    // Another type of file (a .md, a key, a binary) is not a spec part: refused unread.
    if (!SPEC_FILE.test(absoluteRef)) {
      throw new Error(`$ref to ${absoluteRef}: svc-gen reads only .json, .yaml and .yml files`);
    }
    const source = await super.loadExternalRef(absoluteRef);
    this.loaded.set(absoluteRef, source.body);
    return source;
  }

  override parseDocument(source: Source, isRoot = false): Document {
    try {
      const parsed = parseSpecText(source.absoluteRef, source.body);
      if (!isRoot) this.warnings.push(...parsed.warnings);
      return { source, parsed: parsed.value };
    } catch (e) {
      if (isSvcGenInputError(e)) this.problems.push(...e.problems);
      throw e;
    }
  }
}

let configPromise: Promise<Config> | undefined;

/** Bundles external `$ref`s in with @redocly/openapi-core, through the local-only resolver. */
export async function bundleSpec(file: string, text: string, document: OpenAPIDocument, converted: boolean, boundary: RefBoundary): Promise<Bundled> {
  configPromise ??= createConfig({ rules: {} });
  const config = await configPromise;
  const resolver = new LocalResolver(config.resolve, boundary);
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
  return { document: result.bundle.parsed as OpenAPIDocument, loaded: resolver.loaded, warnings: resolver.warnings };
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
