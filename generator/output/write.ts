/**
 * The write: under `<out>`'s lock, recover what an interrupted run left, plan again (the disk may
 * have changed since the caller planned), stage every changed file, commit, apply (journal.ts has
 * the whole protocol). Files the previous manifest listed and that are no longer generated are
 * removed; nothing else in `<out>` is ever touched. A failure before the commit point (read-only,
 * full, no permission) undoes the staging and changes nothing, and is reported as
 * `SVCGEN_OUT_UNWRITABLE`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inputError, isSvcGenInputError } from '../errors.js';
import { abandon, apply, commit, createDirs, hasLeftovers, type Journal, recover, STAGING_PREFIX } from './journal.js';
import { acquireLock } from './lock.js';
import { isUpToDate, type OutputPlan, planOutput } from './plan.js';

/** What a write changed, as POSIX paths relative to `<out>`. */
export interface WriteReport {
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

/** Applies `plan` to disk (re-planned under the lock). The manifest is moved in last. */
export function writeOutput(plan: OutputPlan, manifestName: string): WriteReport {
  const out = plan.out;
  if (isUpToDate(plan) && !hasLeftovers(out)) return { written: [], removed: [] };
  let committed = false;
  try {
    mkdirSync(out, { recursive: true });
    const release = acquireLock(out);
    try {
      recover(out);
      return writePlan(planOutput(out, plan.files, manifestName), manifestName, () => (committed = true));
    } finally {
      release();
    }
  } catch (e) {
    throw asUnwritable(out, e, committed);
  }
}

function writePlan(plan: OutputPlan, manifestName: string, onCommit: () => void): WriteReport {
  const out = plan.out;
  const files = [...plan.missing, ...plan.stale.map((s) => s.file)].sort((a, b) =>
    a.path === manifestName ? 1 : b.path === manifestName ? -1 : a.path < b.path ? -1 : 1,
  );
  if (files.length === 0 && plan.extra.length === 0) return { written: [], removed: [] };
  const staging = path.basename(mkdtempSync(path.join(out, STAGING_PREFIX)));
  const journal: Journal = { staging, moves: files.map((f, i) => ({ from: String(i), to: f.path })), remove: plan.extra };
  try {
    createDirs(
      out,
      staging,
      files.map((f) => path.posix.dirname(f.path)).filter((d) => d !== '.'),
    );
    for (const [i, file] of files.entries()) writeFileSync(path.join(out, staging, String(i)), file.contents);
    commit(out, journal);
  } catch (e) {
    abandon(out, staging);
    throw e;
  }
  onCommit();
  apply(out, journal);
  return { written: files.map((f) => f.path), removed: [...plan.extra] };
}

/** File-system failures become a clear input error; svc-gen's own errors and bugs pass through. */
function asUnwritable(out: string, e: unknown, committed: boolean): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (isSvcGenInputError(e) || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  const what = code === 'EEXIST' || code === 'ENOTDIR' ? 'is not a folder' : 'cannot be written';
  const then = committed ? 'the write was committed but not finished; run svc-gen again to finish it' : 'nothing in it was changed';
  const message = String((e as Error).message);
  return inputError('SVCGEN_OUT_UNWRITABLE', out, `${what} (${message.startsWith(code) ? message : `${code}: ${message}`}); ${then}`);
}
