/**
 * `svc-gen --check --breaking-against <rev>`: the check also compares each input with the same
 * path at `<rev>` (`git:<rev>:<input>`) and fails on a breaking change.
 */
import path from 'node:path';
import type { DiffReport } from './change-types.js';
import { diffReport } from './diff-report.js';
import { markdownReport } from './report-format.js';

/** The breaking-change report of `inputs` (absolute paths) against `rev`, merged over inputs. */
export async function breakingAgainst(rev: string, inputs: readonly string[], cwd: string): Promise<DiffReport> {
  const merged = {
    breaking: [] as DiffReport['breaking'][number][],
    nonBreaking: [] as DiffReport['nonBreaking'][number][],
    warnings: [] as DiffReport['warnings'][number][],
  };
  for (const input of inputs) {
    const rel = path.relative(cwd, input).split(path.sep).join('/') || '.';
    const report = await diffReport(`git:${rev}:${rel}`, input, { cwd });
    merged.breaking.push(...report.breaking);
    merged.nonBreaking.push(...report.nonBreaking);
    merged.warnings.push(...report.warnings);
  }
  return merged;
}

/** Prints the report of `breakingAgainst` as markdown (ready for a PR comment); returns 1 when something breaks, else 0. */
export async function breakingReport(rev: string, inputs: readonly string[], cwd: string, print: (text: string) => void): Promise<number> {
  const report = await breakingAgainst(rev, inputs, cwd);
  print(markdownReport(report));
  return report.breaking.length > 0 ? 1 : 0;
}
