/**
 * The pipeline, end to end: discover → load → model → types → render → plan → write | check.
 * Incremental: with a manifest in `<out>` written under the same fingerprint (output/up-to-date.ts),
 * only the services whose inputs or generated files changed go through load → render; the others'
 * files are reused as the manifest proves them, and the files every service feeds are rebuilt from
 * the facts it records, so the output is the full run's byte for byte.
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
import { type NamingInput, serviceNames } from './model/registry.js';
import { buildService } from './model/service.js';
import { type CrossServiceFacts, crossServiceFacts, standIn } from './output/cross-service.js';
import { shortDiff } from './output/diff.js';
import { hasLeftovers } from './output/journal.js';
import { isLocked } from './output/lock.js';
import { type ManifestService, manifestFile, relativeTo, type ServiceSummary } from './output/manifest.js';
import { isUpToDate, planOutput } from './output/plan.js';
import { fingerprint, type ManifestProof, proveByManifest, recordedHash, type ServiceProof } from './output/up-to-date.js';
import { writeOutput } from './output/write.js';
import type { TemplateSources } from './render/engine.js';
import { type RenderInput, render, type VirtualFile } from './render/render.js';
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
 * What `--watch` keeps between runs, besides the manifest: the services it prepared (a run that
 * must prepare one again, say after a spec was added, takes it from here), and the files to watch.
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
    refRoot: options.refRoot,
    sources: list,
    // spec paths relative to <out>: the manifest (and so the output) must be the same on every machine
    defaults: options.services.map((s) => ({ ...s, spec: relativeTo(options.out, s.spec) })),
  });
  const proof = proveByManifest(options.out, MANIFEST_FILE, print);
  // While another run holds the lock, or an interrupted write left files behind, the disk is no
  // proof of anything: the full pipeline reports (check) or recovers (write) those.
  const trusted = proof && !isLocked(options.out) && !hasLeftovers(options.out) ? proof : undefined;
  const run = { options, cache, list, templates, print };
  // Nothing changed (the manifest proves it): check and write both answer without generating.
  // Some services changed: only they are generated again (incremental). Else: a full run.
  const result =
    proof?.upToDate && (options.check || trusted)
      ? unchanged(options, proof, list)
      : ((trusted ? await incremental(run, trusted) : undefined) ?? (await generateAll(run, undefined)));
  if (!result) throw new Error('a full run gave up for a full run'); // generateAll without reuse returns or throws
  // `--watch` watches every file a service was read from, whether prepared or reused.
  for (const s of result.services) cache?.inputs.set(s.file, new Set([s.file, ...s.inputs]));
  return { ...result, ms: performance.now() - runStarted };
}

/** What one run works from. */
interface Run {
  readonly options: ResolvedOptions;
  readonly cache: GenerateCache | undefined;
  readonly list: readonly Source[];
  readonly templates: TemplateSources;
  readonly print: string;
}

/** How a source takes part in a run. */
type Role =
  | { readonly kind: 'prepare' }
  /** A service whose files the manifest proves up to date. */
  | { readonly kind: 'reuse'; readonly proof: ServiceProof }
  /** A scanned shared file (no service) whose bytes the manifest proves unchanged. */
  | { readonly kind: 'shared'; readonly hash: string };

/**
 * The run when some services changed: only those (and any shared file that changed) are prepared;
 * the others are reused from the manifest's proof. Undefined when the run turns out to need every
 * service (a shared file became a spec, a spec became a shared file, a name clash to report): the
 * full run then does it, and reports it, exactly as without a manifest.
 */
async function incremental(run: Run, proof: ManifestProof): Promise<Omit<GenerateResult, 'ms'> | undefined> {
  const out = run.options.out;
  const byEntry = new Map(proof.services.map((s) => [path.resolve(out, s.service.file), s]));
  const roles = new Map<string, Role>();
  for (const source of run.list) {
    const service = byEntry.get(source.entry);
    const hash = proof.unchangedInputs.get(source.entry);
    if (service?.files) roles.set(source.entry, { kind: 'reuse', proof: service });
    else if (!service && hash !== undefined) roles.set(source.entry, { kind: 'shared', hash });
  }
  return generateAll(run, {
    roles,
    services: new Set(byEntry.keys()),
    unchangedInputs: proof.unchangedInputs,
    previous: new Map([...byEntry].map(([entry, s]) => [entry, s.service])),
    crossFiles: proof.crossFiles,
  });
}

/** What an incremental run knows: each source's role (absent: prepare it), the manifest's service entries, the inputs it proves unchanged. */
interface Reuse {
  readonly roles: ReadonlyMap<string, Role>;
  readonly services: ReadonlySet<string>;
  /** Absolute path → hash. */
  readonly unchangedInputs: ReadonlyMap<string, string>;
  /** Every service the manifest records, by absolute entry path. */
  readonly previous: ReadonlyMap<string, ManifestService>;
  /** The generated files no service owns whose bytes the manifest proves: path → contents. */
  readonly crossFiles: ReadonlyMap<string, string>;
}

/** One service of the run: prepared now (or taken from the watch cache), or reused from the manifest. */
type Member = { readonly source: Source; readonly p: Prepared; readonly reused: boolean } | { readonly source: Source; readonly proof: ServiceProof };

/** A service modelled (or reused) and ready to report, before its files are known. */
interface Built {
  readonly report: Omit<ServiceReport, 'files'>;
  readonly facts: CrossServiceFacts;
  /** Its files as on disk, when reused. */
  readonly files: readonly VirtualFile[] | undefined;
}

/**
 * load → model → types → render → plan → write | check, for every source not reused. Without
 * `reuse` (a full run) every source is prepared; with it, undefined when the run needs the full one.
 */
async function generateAll(run: Run, reuse: Reuse | undefined): Promise<Omit<GenerateResult, 'ms'> | undefined> {
  const { options, list } = run;
  const role = (s: Source): Role => reuse?.roles.get(s.entry) ?? { kind: 'prepare' };
  const toPrepare = list.filter((s) => role(s).kind === 'prepare');
  const { prepared, shared: sharedPrepared } = await prepareAll(toPrepare, run.cache, options.refRoot);
  const fresh = new Map(prepared.map((x) => [x.source.entry, x]));
  const hashes = new Map(sharedPrepared.map((f) => [f.file, f.hash]));
  const members: Member[] = [];
  const shared: string[] = [];
  for (const source of list) {
    const r = role(source);
    const p = fresh.get(source.entry);
    if (r.kind === 'reuse') members.push({ source, proof: r.proof });
    else if (p) members.push(p);
    else {
      shared.push(source.entry);
      if (r.kind === 'shared') hashes.set(source.entry, r.hash);
    }
  }
  // The set of services changed after all (a spec became a shared file, or one back): a full run.
  if (reuse && (members.length !== reuse.services.size || members.some((m) => !reuse.services.has(m.source.entry)))) return undefined;
  if (members.length === 0) {
    throw inputError('SVCGEN_NO_SPECS', shared.join(', '), 'no spec found: every file scanned is a shared file (no "openapi" or "swagger" at its top level)');
  }
  let names: string[];
  try {
    names = serviceNames(members.map(namingInput));
  } catch (e) {
    // A clash with a reused service: the full run reports it, with every location.
    if (reuse) return undefined;
    throw e;
  }
  const inputs: RenderInput[] = [];
  const warnings: string[] = [];
  const built: Built[] = [];
  for (const [i, m] of members.entries()) {
    const name = names[i] ?? '';
    if ('proof' in m) {
      const s = m.proof.service;
      if (name !== s.name || !reuse) return undefined;
      inputs.push(standIn(s.name, s.className, s.crossService));
      warnings.push(...m.proof.reported);
      const files = m.proof.files;
      const abs = s.inputs.map((f) => path.resolve(options.out, f));
      for (const file of abs) hashes.set(file, reuse.unchangedInputs.get(file) ?? '');
      const report = { name, className: s.className, file: m.source.entry, inputs: abs, operations: s.operations, warnings: s.warnings, ms: 0, reused: true };
      built.push({ report, facts: s.crossService, files });
      continue;
    }
    const started = performance.now();
    const service: ServiceModel = buildService(m.p.document, name);
    inputs.push({ service, typesSource: m.p.typesSource, contract: buildContract(m.p.document, service) });
    warnings.push(...m.p.warnings, ...service.warnings.map((w) => `${service.name}: ${w}`));
    // The entry's hash is of its bytes already; a $ref-ed file's may be of its text with LF line ends.
    for (const [file, hash] of m.p.loaded.inputHashes) hashes.set(file, file === m.source.entry ? hash : recordedHash(file, hash));
    const report = {
      name,
      className: service.className,
      file: m.source.entry,
      inputs: [...m.p.loaded.inputHashes.keys()].sort(),
      operations: service.operations.length,
      warnings: [...m.p.warnings, ...service.warnings],
      ms: m.p.ms + performance.now() - started,
      reused: m.reused,
    };
    built.push({ report, facts: crossServiceFacts(service), files: undefined });
  }
  const rendered = renderFiles(run, inputs, built, reuse);
  if (!rendered) return undefined;
  const services: ServiceReport[] = built.map((b) => ({
    ...b.report,
    files: b.files ? b.files.map((f) => f.path) : rendered.filter((f) => f.path.startsWith(`${b.report.name}/`)).map((f) => f.path),
  }));
  const defaults = serviceDefaultsFile(DEFAULTS_FILE, options.services, new Set(services.map((s) => s.name)), options.runtimeModule);
  const generated = [...rendered, ...(defaults ? [defaults] : [])].sort(byPath);
  const extras = {
    fingerprint: run.print,
    warnings,
    services: services.map((r, i) => ({
      name: r.name,
      className: r.className,
      file: relativeTo(options.out, r.file),
      inputs: r.inputs.map((f) => relativeTo(options.out, f)),
      operations: r.operations,
      files: r.files,
      warnings: r.warnings,
      crossService: built[i]?.facts ?? { operations: [] },
    })),
  };
  const files = [...generated, manifestFile(MANIFEST_FILE, options.out, generatorVersion(), hashes, generated, extras)];
  const plan = planOutput(options.out, files, MANIFEST_FILE);
  const base = { options, services, shared, warnings, files };
  if (options.check) {
    const check: CheckReport = {
      upToDate: isUpToDate(plan),
      stale: plan.stale.map((s) => ({ path: s.file.path, diff: shortDiff(s.current, s.file.contents) })),
      missing: plan.missing.map((f) => f.path),
      extra: plan.extra,
    };
    return { ...base, written: [], removed: [], check };
  }
  const report = writeOutput(plan, MANIFEST_FILE);
  return { ...base, written: report.written, removed: report.removed, check: undefined };
}

/**
 * Render → every generated file but the defaults file and the manifest; a reused service's files
 * are the ones on disk. The files every service feeds (index.ts, testing.ts): when no prepared
 * service changed what they read of it (name, class, cross-service facts), they are the ones on
 * disk, which the manifest proves were rendered from these same facts; else they are rendered
 * with each reused service as a stand-in (output/cross-service.ts). Undefined: a full run is needed.
 */
function renderFiles(run: Run, inputs: readonly RenderInput[], built: readonly Built[], reuse: Reuse | undefined): VirtualFile[] | undefined {
  const names = new Set(built.map((b) => b.report.name));
  const isCross = (f: VirtualFile) => {
    const slash = f.path.indexOf('/');
    return slash < 0 || !names.has(f.path.slice(0, slash));
  };
  const reused = built.flatMap((b) => b.files ?? []);
  const renderOf = (only: readonly RenderInput[]) => render(only, run.templates, run.options.runtimeModule);
  if (reuse && built.every((b) => b.files || sameCrossFacts(b, reuse.previous.get(b.report.file)))) {
    const rendered = renderOf(inputs.filter((_, i) => !built[i]?.files));
    const cross = rendered.filter(isCross).map((f) => ({ path: f.path, contents: reuse.crossFiles.get(f.path) }));
    if (cross.every((f) => f.contents !== undefined)) {
      return [...rendered.filter((f) => !isCross(f)), ...cross.map((f) => ({ path: f.path, contents: f.contents ?? '' })), ...reused];
    }
  }
  const rendered = renderOf(inputs);
  const standIns = new Set<string>();
  for (const b of built) {
    if (!b.files) continue;
    const paths = rendered.filter((f) => f.path.startsWith(`${b.report.name}/`)).map((f) => f.path);
    // The manifest must list what these templates generate for the service; else regenerate everything.
    if (paths.join('\n') !== b.files.map((f) => f.path).join('\n')) return undefined;
    for (const p of paths) standIns.add(p);
  }
  return [...rendered.filter((f) => !standIns.has(f.path)), ...reused];
}

/** The manifest recorded the same name, class and cross-service facts for this service as it has now. */
function sameCrossFacts(b: Built, previous: ManifestService | undefined): boolean {
  return (
    previous !== undefined &&
    previous.name === b.report.name &&
    previous.className === b.report.className &&
    JSON.stringify(previous.crossService) === JSON.stringify(b.facts)
  );
}

const byPath = (a: VirtualFile, b: VirtualFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What naming reads of a service: a reused one keeps its recorded name. */
function namingInput(m: Member): NamingInput {
  const file = m.source.entry;
  const fallbackName = m.source.fallbackName;
  if ('proof' in m) return { file, fallbackName, document: { info: { 'x-service-name': m.proof.service.name } } };
  // A name from `services` wins over info.x-service-name: that is what the entry is for.
  return { file, fallbackName, document: m.source.name !== undefined ? { info: { 'x-service-name': m.source.name } } : m.p.loaded.document };
}

/**
 * A run answered from the manifest alone, when it proves `<out>` up to date (output/up-to-date.ts):
 * `--check` reports it up to date, a write writes nothing.
 */
function unchanged(options: ResolvedOptions, proof: ManifestProof, list: readonly Source[]): Omit<GenerateResult, 'ms'> {
  const services: ServiceReport[] = proof.services.map(({ service: s }) => ({
    name: s.name,
    className: s.className,
    file: path.resolve(options.out, s.file),
    inputs: s.inputs.map((f) => path.resolve(options.out, f)),
    operations: s.operations,
    files: s.files,
    warnings: s.warnings,
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
