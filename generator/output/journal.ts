/**
 * How a write survives being killed at any moment (SIGKILL, a crash, Ctrl-C):
 *
 * 1. Every changed file is staged in `<out>/.svc-gen-staging-XXXXXX/` (same file system as its
 *    target, so the moves below are atomic renames); folders the new files need are created, and
 *    recorded in the staging folder first, so an interrupted run can take them back.
 * 2. The journal `<out>/.svc-gen-journal.json` is written (to a temp name, then renamed): the list
 *    of moves (staged file → target, manifest last) and removals. Its rename is the commit point.
 * 3. The moves and removals are applied, then the journal is deleted, then the staging folder.
 *
 * Killed before 2, `<out>` holds the complete old tree (plus an uncommitted staging folder);
 * killed after 2, the journal says exactly what is left to do. Every later run (under the lock,
 * before it plans anything) calls `recover`: it finishes a committed journal (each step is
 * idempotent: a move whose staged file is gone is done) and removes uncommitted leftovers, so
 * `<out>` is then the complete old or the complete new tree. Nothing else in `<out>` is touched.
 * (This protects against the process dying, not the machine: nothing is fsync'ed.)
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors.js';
import { unsafeTarget } from './paths.js';

/** The committed journal's name in `<out>`. */
export const JOURNAL_FILE = '.svc-gen-journal.json';
const JOURNAL_TEMP = '.svc-gen-journal.tmp';
/** Staging folders are `<out>/.svc-gen-staging-XXXXXX`. */
export const STAGING_PREFIX = '.svc-gen-staging-';
/** Inside a staging folder: the folders this run created in `<out>`, to remove if it never commits. */
const DIRS_FILE = 'dirs.json';

/** What a committed write still has to do. Paths are POSIX, relative to `<out>`. */
export interface Journal {
  readonly staging: string;
  readonly moves: readonly { readonly from: string; readonly to: string }[];
  readonly remove: readonly string[];
}

/** Records the missing folders among `dirs` and their parents (relative to `<out>`) in the staging folder, then creates them. */
export function createDirs(out: string, staging: string, dirs: readonly string[]): void {
  const missing = [...new Set(dirs.flatMap((d) => ancestors(d)))].filter((d) => !existsSync(path.join(out, d))).sort();
  writeFileSync(path.join(out, staging, DIRS_FILE), JSON.stringify(missing));
  for (const d of missing) mkdirSync(path.join(out, d), { recursive: true });
}

/** Undoes an uncommitted staging folder: removes the folders it recorded (if still empty), then itself. */
export function abandon(out: string, staging: string): void {
  let dirs: unknown = [];
  try {
    dirs = JSON.parse(readFileSync(path.join(out, staging, DIRS_FILE), 'utf8'));
  } catch {
    // killed before it recorded any: it created none
  }
  if (Array.isArray(dirs)) {
    for (const d of dirs.map(String).sort().reverse()) {
      if (unsafeTarget(out, `${d}/x`) === undefined) removeIfEmpty(path.join(out, d));
    }
  }
  rmSync(path.join(out, staging), { recursive: true, force: true });
}

/** The commit point: after this returns, the write will complete (now, or in the next run). */
export function commit(out: string, journal: Journal): void {
  writeFileSync(path.join(out, JOURNAL_TEMP), JSON.stringify(journal));
  renameSync(path.join(out, JOURNAL_TEMP), path.join(out, JOURNAL_FILE));
}

/** Applies a committed journal and clears it. Idempotent, so it is also how `recover` replays one. */
export function apply(out: string, journal: Journal): void {
  for (const { from, to } of journal.moves) {
    const staged = path.join(out, journal.staging, from);
    if (!existsSync(staged)) continue; // moved before the interruption
    mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
    renameSync(staged, path.join(out, to));
  }
  for (const rel of journal.remove) {
    const full = path.join(out, rel);
    if (isFile(full)) unlinkSync(full);
    // Also when the file is already gone: a run killed between the unlink and this cleanup left
    // its folder empty, and the replay must finish that step too.
    for (let dir = path.dirname(full); dir.startsWith(out + path.sep) && removeIfEmpty(dir); dir = path.dirname(dir));
  }
  // The folders are in use now: a staging folder left behind from here on must not take them back.
  rmSync(path.join(out, journal.staging, DIRS_FILE), { force: true });
  unlinkSync(path.join(out, JOURNAL_FILE));
  rmSync(path.join(out, journal.staging), { recursive: true, force: true });
}

/**
 * Brings `<out>` back to a complete tree after an interrupted run: finishes a committed journal,
 * abandons uncommitted staging folders. Call it holding the lock. Returns what it found.
 */
export function recover(out: string): 'clean' | 'rolled-forward' | 'rolled-back' {
  let outcome: 'clean' | 'rolled-forward' | 'rolled-back' = 'clean';
  const committed = path.join(out, JOURNAL_FILE);
  if (existsSync(committed)) {
    apply(out, readJournal(committed));
    outcome = 'rolled-forward';
  }
  for (const name of existsSync(out) ? readdirSync(out) : []) {
    if (name === JOURNAL_TEMP) unlinkSync(path.join(out, name));
    if (name.startsWith(STAGING_PREFIX)) {
      abandon(out, name);
      if (outcome === 'clean') outcome = 'rolled-back';
    }
  }
  return outcome;
}

/** True when an interrupted run left a journal or staging folder behind. */
export function hasLeftovers(out: string): boolean {
  try {
    return readdirSync(out).some((n) => n === JOURNAL_FILE || n === JOURNAL_TEMP || n.startsWith(STAGING_PREFIX));
  } catch {
    return false; // no folder (yet), or not a folder: the write reports that
  }
}

/** Reads and checks a journal: a damaged or hand-edited one must not move or delete anything outside `<out>`. */
function readJournal(file: string): Journal {
  const bad = (why: string) => inputError('SVCGEN_OUT_CONFLICT', file, `interrupted-write journal is not usable (${why}); delete it and run svc-gen again`);
  let j: Partial<Journal>;
  try {
    j = JSON.parse(readFileSync(file, 'utf8')) as Partial<Journal>;
  } catch (e) {
    throw bad((e as Error).message);
  }
  const out = path.dirname(file);
  if (typeof j.staging !== 'string' || !/^\.svc-gen-staging-[A-Za-z0-9]+$/.test(j.staging)) throw bad('staging folder');
  if (!Array.isArray(j.moves) || !Array.isArray(j.remove)) throw bad('shape');
  for (const m of j.moves) {
    if (typeof m?.from !== 'string' || !/^\d+$/.test(m.from) || typeof m.to !== 'string') throw bad('move');
    const why = unsafeTarget(out, m.to);
    if (why !== undefined) throw bad(`${m.to}: ${why}`);
  }
  for (const r of j.remove) {
    const why = typeof r === 'string' ? unsafeTarget(out, r) : 'not a path';
    if (why !== undefined) throw bad(`${String(r)}: ${why}`);
  }
  return j as Journal;
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function ancestors(dir: string): string[] {
  const parts = dir.split('/').filter((p) => p !== '' && p !== '.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function isFile(full: string): boolean {
  try {
    return lstatSync(full).isFile();
  } catch {
    return false;
  }
}

function removeIfEmpty(dir: string): boolean {
  try {
    if (readdirSync(dir).length > 0) return false;
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}
