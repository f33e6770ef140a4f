/**
 * Temp directories and byte-exact snapshots of a directory tree, for "nothing was touched" checks.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory under os.tmpdir(); removed by `cleanup`. */
export function tempDir(prefix = 'svc-gen-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a temp directory. */
export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Creates `dir` (and parents) and returns it. */
export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every file under `dir` → its bytes (base64), keyed by relative POSIX path; `{}` when `dir` is missing. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return out;
  }
  for (const rel of entries.sort()) {
    const full = path.join(dir, rel);
    if (statSync(full).isFile()) out[rel.split(path.sep).join('/')] = readFileSync(full).toString('base64');
  }
  return out;
}
