/**
 * The pipeline, end to end: discover → load → model → types → render → plan → write | check.
 * Returns a result object and never exits; invalid input throws `SvcGenInputError` before anything is written.
 */
import { performance } from 'node:perf_hooks';
import { discover } from './discover.js';
import { SvcGenInputError, isSvcGenInputError, type InputProblem } from './errors.js';
import { loadSpec, type LoadedSpec } from './load.js';
import { serviceNames } from './model/registry.js';
import { buildService } from './model/service.js';
import type { ServiceModel } from './model/types.js';
import { validateDocument } from './model/validate.js';
import { MANIFEST_FILE, resolveOptions, type GenerateOptions, type ResolvedOptions } from './options.js';
import { shortDiff } from './output/diff.js';
import { manifestFile } from './output/manifest.js';
import { isUpToDate, planOutput } from './output/plan.js';
import { writeOutput } from './output/write.js';
import { generatorVersion } from './package-info.js';
import { render, type VirtualFile } from './render/render.js';
import { loadTemplates } from './templates.js';
import { typesSource } from './types.js';

/** Per-service summary (the CLI prints one line each). */
export interface ServiceReport {
  readonly name: string;
  readonly file: string;
  readonly operations: number;
  readonly ms: number;
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
  readonly warnings: readonly string[];
  /** Every generated file, manifest last-sorted with the rest (POSIX paths relative to `out`). */
  readonly files: readonly VirtualFile[];
  /** Set in write mode. */
  readonly written: readonly string[];
  readonly removed: readonly string[];
  /** Set in check mode. */
  readonly check: CheckReport | undefined;
}

/** Generates (or checks) clients for every spec under `options.inputs`. */
export async function generate(raw: GenerateOptions): Promise<GenerateResult> {
  const options = resolveOptions(raw);
  const templates = loadTemplates();
  const prepared = await prepareAll(discover(options.inputs));
  const names = serviceNames(prepared.map((p) => ({ file: p.loaded.source.entry, fallbackName: p.loaded.source.fallbackName, document: p.loaded.document })));
  const inputs = [];
  const warnings: string[] = [];
  const services: ServiceReport[] = [];
  const hashes = new Map<string, string>();
  for (const [i, p] of prepared.entries()) {
    const started = performance.now();
    const service: ServiceModel = buildService(p.loaded.document, names[i] ?? '');
    inputs.push({ service, typesSource: p.typesSource });
    warnings.push(...p.loaded.warnings, ...service.warnings.map((w) => `${service.name}: ${w}`));
    for (const [file, hash] of p.loaded.inputHashes) hashes.set(file, hash);
    services.push({ name: service.name, file: p.loaded.source.entry, operations: service.operations.length, ms: p.ms + performance.now() - started });
  }
  const rendered = render(inputs, templates, options.runtimeModule);
  const files = [...rendered, manifestFile(MANIFEST_FILE, options.out, generatorVersion(), hashes, rendered)];
  const plan = planOutput(options.out, files, MANIFEST_FILE);
  const base = { options, services, warnings, files };
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

interface Prepared {
  readonly loaded: LoadedSpec;
  readonly typesSource: string;
  readonly ms: number;
}

/** Loads, validates and types every spec, one after another; collects every input problem. */
async function prepareAll(sources: ReturnType<typeof discover>): Promise<Prepared[]> {
  const problems: InputProblem[] = [];
  const out: Prepared[] = [];
  for (const source of sources) {
    const started = performance.now();
    try {
      const loaded = await loadSpec(source);
      validateDocument(source.entry, loaded.document);
      const types = await typesSource(source.entry, loaded.document);
      out.push({ loaded, typesSource: types, ms: performance.now() - started });
    } catch (e) {
      if (!isSvcGenInputError(e)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  return out;
}
