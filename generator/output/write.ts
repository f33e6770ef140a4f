/**
 * All-or-nothing write: every changed file is staged in a temp dir inside `<out>` first (same
 * filesystem, so renames are atomic), then renamed into place; files the previous manifest listed
 * and that are no longer generated are removed. Nothing else in `<out>` is ever touched.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputPlan } from './plan.js';

/** What a write changed, as POSIX paths relative to `<out>`. */
export interface WriteReport {
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

/** Applies `plan` to disk. The manifest is renamed in last, so it never lists files not yet in place. */
export function writeOutput(plan: OutputPlan, manifestName: string): WriteReport {
  const files = [...plan.missing, ...plan.stale.map((s) => s.file)].sort((a, b) =>
    a.path === manifestName ? 1 : b.path === manifestName ? -1 : a.path < b.path ? -1 : 1,
  );
  if (files.length === 0 && plan.extra.length === 0) return { written: [], removed: [] };
  mkdirSync(plan.out, { recursive: true });
  const staging = mkdtempSync(path.join(plan.out, '.svc-gen-staging-'));
  try {
    for (const [i, file] of files.entries()) writeFileSync(path.join(staging, String(i)), file.contents);
    for (const [i, file] of files.entries()) {
      const target = path.join(plan.out, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(staging, String(i)), target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  for (const rel of plan.extra) {
    unlinkSync(path.join(plan.out, rel));
    removeEmptyParents(plan.out, path.dirname(path.join(plan.out, rel)));
  }
  return { written: files.map((f) => f.path), removed: [...plan.extra] };
}

/** Removes directories left empty by a removal, up to (not including) `<out>`. */
function removeEmptyParents(out: string, dir: string): void {
  while (dir.startsWith(out + path.sep) && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = path.dirname(dir);
  }
}
