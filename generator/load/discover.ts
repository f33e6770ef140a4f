/**
 * Which inputs are specs. A directory contributes each `*.json|*.yaml|*.yml` directly inside it
 * (one service each) and each sub-folder holding an entry file `openapi.yaml|openapi.yml|openapi.json`
 * (one service spread over several files). A file given directly is one service, and so is a
 * directory given directly that itself holds an entry file (`svc-gen specs/order`).
 * A file found by scanning may turn out to be a shared file rather than a spec (load.ts decides,
 * once it is parsed); `scanned` says which files may.
 * A symlink found while scanning counts as what it points to when that stays inside the scanned
 * directory, and is refused (without being read) when it leads outside it.
 */
import { type Dirent, lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../config/options.js';
import { type InputProblem, inputError, SvcGenInputError } from '../errors.js';

/** One service's spec: its entry file and the name to use when the spec has no `info.x-service-name`. */
export interface SpecSource {
  readonly entry: string;
  readonly fallbackName: string;
  /** True for a file found by scanning a folder (it may be a shared file); false for a file or service folder given or found as such. */
  readonly scanned: boolean;
}

const SPEC_EXT = /\.(json|ya?ml)$/i;
/** Entry-file names for multi-file services, in order of preference. */
export const ENTRY_FILES = ['openapi.yaml', 'openapi.yml', 'openapi.json'] as const;

/** Lists the spec sources under `inputs`, sorted by entry path; throws when none exist. */
export function discover(inputs: readonly string[]): SpecSource[] {
  const found = new Map<string, SpecSource>();
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    let stat: Stats;
    try {
      stat = statSync(input);
    } catch {
      problems.push({ code: 'SVCGEN_PATH_NOT_FOUND', file: input, location: {}, reason: 'no such file or directory' });
      continue;
    }
    const sources = !stat.isDirectory() ? [fileSource(input, false)] : (folderSource(input) ?? scanDirectory(input));
    for (const s of sources) found.set(s.entry, s);
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  if (found.size === 0) {
    throw inputError('SVCGEN_NO_SPECS', inputs.join(', '), 'no spec found (expected *.json, *.yaml or *.yml files, or folders with an openapi.yaml entry)');
  }
  return [...found.values()].sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}

function fileSource(file: string, scanned: boolean): SpecSource {
  return { entry: file, fallbackName: path.basename(file).replace(SPEC_EXT, ''), scanned };
}

/**
 * The entry file of the multi-file service in `dir` (the first of ENTRY_FILES present), or
 * undefined when it has none. Throws SVCGEN_OUTSIDE_FOLDER when the entry is a symlink leading out
 * of `dir`. The one place a folder becomes a spec: discovery and configured `services` both use it.
 */
export function folderEntry(dir: string): string | undefined {
  const names = new Set(readdirSync(dir));
  const main = ENTRY_FILES.find((n) => names.has(n));
  if (!main) return undefined;
  const entry = path.join(dir, main);
  const kind = linkKind(entry);
  if (kind.target !== undefined) insideOrThrow(dir, entry, kind.target);
  return entry;
}

/** The multi-file service in `dir`, when it has an entry file. */
function folderSource(dir: string): SpecSource[] | undefined {
  const entry = folderEntry(dir);
  return entry === undefined ? undefined : [{ entry, fallbackName: path.basename(dir), scanned: false }];
}

function scanDirectory(dir: string): SpecSource[] {
  const out: SpecSource[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? linkKind(full) : direntKind(entry);
    const specName = SPEC_EXT.test(entry.name) && entry.name !== MANIFEST_FILE;
    const spec = kind.type === 'file' && specName;
    // Checked before anything behind the link is opened (whatever it is: a FIFO would block an open).
    if ((specName || kind.type === 'dir') && kind.target !== undefined) insideOrThrow(dir, full, kind.target);
    if (spec) out.push(fileSource(full, true));
    else if (kind.type === 'dir') out.push(...(folderSource(full) ?? []));
  }
  return out;
}

interface Kind {
  readonly type: 'file' | 'dir' | 'other';
  /** For a symlink: where it leads (symlinks resolved). */
  readonly target?: string;
}

function direntKind(entry: Dirent): Kind {
  return { type: entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other' };
}

/** What a symlink leads to (stat only: nothing is opened). A dangling link is nothing; a non-link has no target. */
function linkKind(link: string): Kind {
  try {
    if (!lstatSync(link).isSymbolicLink()) return { type: 'other' };
    const target = realpathSync(link);
    const stat = statSync(target);
    return { type: stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other', target };
  } catch {
    return { type: 'other' };
  }
}

/** A symlink svc-gen would read through must stay inside the directory it was found in. */
function insideOrThrow(dir: string, link: string, target: string): void {
  if (!target.startsWith(realpathSync(dir) + path.sep)) {
    throw inputError('SVCGEN_OUTSIDE_FOLDER', link, `symlink to ${target}, outside ${dir}; svc-gen reads only specs inside the folders it is given`);
  }
}
