/**
 * `svc-gen diff`'s work without printing: load both sides, compare, classify and, with a consumer
 * project, find the call sites each breaking change reaches. Used by the diff command and by
 * `--check --breaking-against`.
 */
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { inputError } from '../errors.js';
import type { Change, DiffReport } from './change-types.js';
import { classify, diffSides } from './diff.js';

/** Options of `diffReport`. */
export interface DiffReportOptions {
  readonly cwd: string;
  readonly consumer?: string | undefined;
  readonly clients?: string | undefined;
}

/** Loads both sides, compares them and, with `consumer`, adds the call sites; the CLI's work without printing. */
export async function diffReport(oldArg: string, newArg: string, options: DiffReportOptions): Promise<DiffReport> {
  const { cwd } = options;
  const run = await diffSides(oldArg, newArg, cwd);
  try {
    const report = classify(run.changes);
    if (options.consumer === undefined) return report;
    const clients =
      options.clients !== undefined ? path.resolve(cwd, options.clients) : await configOut(path.dirname(path.resolve(cwd, options.consumer)), options.consumer);
    const { consumerCallSites } = await import('./consumer.js');
    const sites = await consumerCallSites(
      { tsconfig: path.resolve(cwd, options.consumer), clients, newSpecs: run.new.path, refRoot: run.new.refRoot, oldServices: run.old.services, cwd },
      report.breaking,
    );
    const withSites = (c: Change): Change => ({ ...c, callSites: sites.byChange.get(c) ?? [] });
    return { breaking: report.breaking.map(withSites), nonBreaking: report.nonBreaking, warnings: report.warnings, otherCallSites: sites.other };
  } finally {
    run.cleanup();
  }
}

/** The consumer's clients folder from its svc-gen config (`out`). */
async function configOut(dir: string, tsconfig: string): Promise<string> {
  const config = await loadConfig({ cwd: dir });
  const out = config?.config.out;
  if (out === undefined) {
    throw inputError('SVCGEN_USAGE', tsconfig, 'give --clients <dir>: no svc-gen config with "out" next to the consumer\'s tsconfig');
  }
  return path.resolve(dir, out);
}
