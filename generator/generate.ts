/**
 * The pipeline, end to end: discover → load → model → types → render → plan → write | check.
 * Returns a result object and never exits; invalid input throws `SvcGenInputError` before anything is written.
 */
import { type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULTS_FILE, type GenerateOptions, MANIFEST_FILE, type ResolvedOptions, resolveOptions } from './config/options.js';
import { buildContract } from './contract/contract.js';
import { type InputProblem, inputError, isSvcGenInputError, SvcGenInputError } from './errors.js';
import { discover, ENTRY_FILES, folderEntry } from './load/discover.js';
import type { SharedFile } from './load/load.js';
import { type Prepared, prepareOne, type Source } from './load/prepare.js';
import { type Outcome, prepareInWorkers, workerCount } from './load/workers/pool.js';
import type { ServiceModel } from './model/model-types.js';
import { serviceNames } from './model/registry.js';
import { buildService } from './model/service.js';
import { shortDiff } from './output/diff.js';
import { hasLeftovers } from './output/journal.js';
import { isLocked } from './output/lock.js';
import { manifestFile, relativeTo, type ServiceSummary } from './output/manifest.js';
import { isUpToDate, planOutput } from './output/plan.js';
import { fingerprint, upToDateByManifest } from './output/up-to-date.js';
import { writeOutput } from './output/write.js';
import { render, type VirtualFile } from './render/render.js';
import { serviceDefaultsFile } from './render/service-defaults.js';
import { loadTemplates } from './render/templates.js';
import { generatorVersion } from './util/package-info.js';

/** Per-service summary (the CLI prints one line each); `file` and `inputs` are absolute here. */
export interface ServiceReport extends ServiceSummary {
  /** Load + type + model time in ms (of the run that prepared it, when `reused`). */
  readonly ms: number;
  /** True when this run did not prepare the service: `--watch` reused it (none of its inputs changed), or `--check` proved it unchanged from the manifest. */
  readonly reused: boolean;
}

/** `--check`'s findings: every drifted file, not just the first. */
export interface CheckReport {
  readonly upToDate: boolean;
  readonly stale: readonly { readonly path: string; readonly diff: string }[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

/** What a run did. */
export interface GenerateResult {
  readonly options: ResolvedOptions;
  readonly services: readonly ServiceReport[];
  /** Files found by scanning a folder that are not specs but parts services share (no `openapi`/`swagger` at the top); absolute, sorted. */
  readonly shared: readonly string[];
  readonly warnings: readonly string[];
  /** Every generated file, manifest last-sorted with the rest (POSIX paths relative to `out`). */
  readonly files: readonly VirtualFile[];
  /** Set in write mode. */
  readonly written: readonly string[];
  readonly removed: readonly string[];
  /** Set in check mode. */
  readonly check: CheckReport | undefined;
  /** Wall time of the whole run in ms. */
  readonly ms: number;
}

/** Generates (or checks) clients for every spec under `options.inputs` and in `options.services`. */
export async function generate(raw: GenerateOptions): Promise<GenerateResult> {
  return generateWithCache(resolveOptions(raw), undefined);
}

export type { Prepared } from './load/prepare.js';

/**
 * What `--watch` keeps between runs, so that a run re-reads only the services whose files changed.
 * `inputs` is not cleared when a load fails, so an edit to any file a broken service read before
 * (say the `$ref`-ed schema that broke it) still marks it.
 */
export interface GenerateCache {
  /** Prepared services by `cacheKey` (entry + allow-list). */
  readonly prepared: Map<string, Prepared>;
  /** Files each entry was read from (entry included), by entry path. */
  readonly inputs: Map<string, Set<string>>;
}

/** A fresh, empty cache. */
export function createCache(): GenerateCache {
  return { prepared: new Map(), inputs: new Map() };
}

/** Forgets every prepared service that read any of `files`; returns the entries forgotten. */
export function invalidate(cache: GenerateCache, files: Iterable<string>): string[] {
  const changed = new Set(files);
  const entries = [...cache.inputs].filter(([, deps]) => [...deps].some((f) => changed.has(f))).map(([entry]) => entry);
  for (const [key, p] of cache.prepared) if (entries.includes(p.loaded.source.entry)) cache.prepared.delete(key);
  return entries.sort();
}

/** `generate()` on resolved options, reusing (and refilling) `cache` when given. */
export async function generateWithCache(options: ResolvedOptions, cache: GenerateCache | undefined): Promise<GenerateResult> {
  const runStarted = performance.now();
  const list = sources(options);
  const templates = loadTemplates();
  const print = fingerprint({
    version: generatorVersion(),
    templates: JSON.stringify(templates),
    out: options.out,
    runtimeModule: options.runtimeModule,
    sources: list,
    // spec paths relative to <out>: the manifest (and so the output) must be the same on every machine
    defaults: options.services.map((s) => ({ ...s, spec: relativeTo(options.out, s.spec) })),
  });
  // Nothing changed (the manifest proves it): check and write both answer without generating.
  if (!cache) {
    const unchanged = unchangedByManifest(options, print, list);
    if (unchanged) return { ...unchanged, ms: performance.now() - runStarted };
  }
  const { prepared, shared } = await prepareAll(list, cache, options.refRoot);
  const names = serviceNames(
    prepared.map(({ source, p }) => ({
      file: source.entry,
      fallbackName: source.fallbackName,
      // A name from `services` wins over info.x-service-name: that is what the entry is for.
      document: source.name !== undefined ? { info: { 'x-service-name': source.name } } : p.loaded.document,
    })),
  );
  const inputs = [];
  const warnings: string[] = [];
  const built: { service: ServiceModel; source: Source; p: Prepared; reused: boolean; ms: number }[] = [];
  const hashes = new Map<string, string>(shared.map((f) => [f.file, f.hash]));
  for (const [i, { source, p, reused }] of prepared.entries()) {
    const started = performance.now();
    const service: ServiceModel = buildService(p.document, names[i] ?? '');
    inputs.push({ service, typesSource: p.typesSource, contract: buildContract(p.document, service) });
    warnings.push(...p.warnings, ...service.warnings.map((w) => `${service.name}: ${w}`));
    for (const [file, hash] of p.loaded.inputHashes) hashes.set(file, hash);
    built.push({ service, source, p, reused, ms: p.ms + performance.now() - started });
  }
  const rendered = render(inputs, templates, options.runtimeModule);
  const defaults = serviceDefaultsFile(DEFAULTS_FILE, options.services, new Set(built.map((b) => b.service.name)), options.runtimeModule, templates);
  const generated = defaults ? [...rendered, defaults].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : rendered;
  const services: ServiceReport[] = built.map(({ service, source, p, reused, ms }) => ({
    name: service.name,
    className: service.className,
    file: source.entry,
    inputs: [...p.loaded.inputHashes.keys()].sort(),
    operations: service.operations.length,
    files: rendered.filter((f) => f.path.startsWith(`${service.name}/`)).map((f) => f.path),
    warnings: [...p.warnings, ...service.warnings],
    ms,
    reused,
  }));
  const extras = {
    fingerprint: print,
    warnings,
    services: services.map((r) => ({
      name: r.name,
      className: r.className,
      file: relativeTo(options.out, r.file),
      inputs: r.inputs.map((f) => relativeTo(options.out, f)),
      operations: r.operations,
      files: r.files,
      warnings: r.warnings,
    })),
  };
  const files = [...generated, manifestFile(MANIFEST_FILE, options.out, generatorVersion(), hashes, generated, extras)];
  const plan = planOutput(options.out, files, MANIFEST_FILE);
  const base = { options, services, shared: shared.map((f) => f.file), warnings, files };
  if (options.check) {
    const check: CheckReport = {
      upToDate: isUpToDate(plan),
      stale: plan.stale.map((s) => ({ path: s.file.path, diff: shortDiff(s.current, s.file.contents) })),
      missing: plan.missing.map((f) => f.path),
      extra: plan.extra,
    };
    return { ...base, written: [], removed: [], check, ms: performance.now() - runStarted };
  }
  const report = writeOutput(plan, MANIFEST_FILE);
  return { ...base, written: report.written, removed: report.removed, check: undefined, ms: performance.now() - runStarted };
}

/**
 * A run answered from the manifest alone, when it proves `<out>` up to date (output/up-to-date.ts):
 * `--check` reports it up to date, a write writes nothing. Not while another run holds the lock or
 * an interrupted write left files behind: the full pipeline reports or recovers those.
 */
function unchangedByManifest(options: ResolvedOptions, print: string, list: readonly Source[]): Omit<GenerateResult, 'ms'> | undefined {
  if (!options.check && (isLocked(options.out) || hasLeftovers(options.out))) return undefined;
  const proof = upToDateByManifest(options.out, MANIFEST_FILE, print);
  if (!proof) return undefined;
  const services: ServiceReport[] = proof.services.map((s) => ({
    ...s,
    file: path.resolve(options.out, s.file),
    inputs: s.inputs.map((f) => path.resolve(options.out, f)),
    ms: 0,
    reused: true,
  }));
  const check: CheckReport | undefined = options.check ? { upToDate: true, stale: [], missing: [], extra: [] } : undefined;
  // The shared files are the scanned sources that made no service (their hashes are among the proven inputs).
  const specs = new Set(services.map((s) => s.file));
  const shared = list.filter((s) => s.scanned && !specs.has(s.entry)).map((s) => s.entry);
  return { options, services, shared, warnings: proof.warnings, files: proof.files, written: [], removed: [], check };
}

/** Discovered specs plus configured ones, sorted by entry; a configured entry replaces a discovered one for the same file. */
function sources(options: ResolvedOptions): Source[] {
  const problems: InputProblem[] = [];
  const configured: Source[] = [];
  for (const s of options.services) {
    const entry = serviceEntry(s.name, s.spec, problems);
    if (entry !== undefined) configured.push({ entry, fallbackName: s.name, scanned: false, name: s.name, operationIds: s.operationIds });
  }
  let discovered: Source[] = [];
  try {
    if (options.inputs.length > 0) discovered = discover(options.inputs).map((s) => ({ ...s, name: undefined, operationIds: undefined }));
  } catch (e) {
    if (!isSvcGenInputError(e)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  if (configured.length === 0 && discovered.length === 0) {
    throw inputError('SVCGEN_NO_SPECS', options.cwd, 'nothing to generate: give spec files or folders, or services in a config file');
  }
  const byEntry = new Map<string, Source>();
  for (const s of [...discovered, ...configured]) byEntry.set(s.entry, s);
  return [...byEntry.values()].sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}

/** A configured `spec`: the file itself, or a folder's entry file (discover.ts's rule, symlink check included). */
function serviceEntry(name: string, spec: string, problems: InputProblem[]): string | undefined {
  const fail = (reason: string) => problems.push({ code: 'SVCGEN_PATH_NOT_FOUND', file: spec, location: {}, reason: `spec of service "${name}": ${reason}` });
  let stat: Stats;
  try {
    stat = statSync(spec);
  } catch {
    fail('no such file or directory');
    return undefined;
  }
  if (!stat.isDirectory()) return spec;
  try {
    const main = folderEntry(spec);
    if (main === undefined) fail(`the folder has no entry file (${ENTRY_FILES.join(', ')})`);
    return main;
  } catch (e) {
    if (!isSvcGenInputError(e)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

function cacheKey(source: Source): string {
  return `${source.entry}\0${JSON.stringify(source.operationIds ?? null)}`;
}

/**
 * Loads, selects, validates and types every spec (or takes it from `cache`); collects every input
 * problem. Without a cache and with enough specs, in worker threads (workers/pool.ts); the result
 * is in the sources' order either way.
 */
async function prepareAll(
  list: readonly Source[],
  cache: GenerateCache | undefined,
  refRoot: string | undefined,
): Promise<{ prepared: { source: Source; p: Prepared; reused: boolean }[]; shared: { file: string; hash: string }[] }> {
  const problems: InputProblem[] = [];
  const out: { source: Source; p: Prepared; reused: boolean }[] = [];
  const shared: { file: string; hash: string }[] = [];
  const workers = cache ? 0 : workerCount(list.length);
  const outcomes = workers > 1 ? await prepareInWorkers(list, refRoot, workers) : undefined;
  for (const [i, source] of list.entries()) {
    const cached = cache?.prepared.get(cacheKey(source));
    if (cached) {
      out.push({ source, p: cached, reused: true });
      continue;
    }
    try {
      const outcome = outcomes?.[i];
      const value = outcome === undefined ? await prepareOne(source, refRoot) : unwrap(outcome);
      if ('shared' in value) {
        // Not cached: parsing it again is cheap, and an edit may turn it into a spec.
        shared.push({ file: value.file, hash: value.hash });
        continue;
      }
      cache?.inputs.set(source.entry, new Set([source.entry, ...value.loaded.inputHashes.keys()]));
      cache?.prepared.set(cacheKey(source), value);
      out.push({ source, p: value, reused: false });
    } catch (e) {
      if (!isSvcGenInputError(e)) throw e;
      problems.push(...e.problems);
      if (cache) {
        const deps = cache.inputs.get(source.entry) ?? new Set([source.entry]);
        for (const problem of e.problems) deps.add(problem.file);
        cache.inputs.set(source.entry, deps);
      }
    }
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  if (out.length === 0) {
    throw inputError(
      'SVCGEN_NO_SPECS',
      shared.map((f) => f.file).join(', '),
      'no spec found: every file scanned is a shared file (no "openapi" or "swagger" at its top level)',
    );
  }
  return { prepared: out, shared };
}

/** A worker's outcome as prepareOne's: the value, or its input problems / internal error thrown again. */
function unwrap(outcome: Outcome): Prepared | SharedFile {
  if (outcome.ok) return outcome.value;
  if ('problems' in outcome) throw new SvcGenInputError([...outcome.problems]);
  const error = new Error(outcome.error.message);
  if (outcome.error.stack !== undefined) error.stack = outcome.error.stack;
  throw error;
}
