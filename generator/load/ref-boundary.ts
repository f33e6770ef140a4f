/**
 * The folder a spec's `$ref`s may read from. Monorepos keep shared files beside their services
 * (`specs/common/errors.yaml`, referenced as `../common/errors.yaml#/...`), so by default the
 * boundary is the repository holding the spec: the nearest ancestor folder with a `.git` entry (a
 * folder in a clone, a file in a worktree or submodule). Without one it is the entry file's own
 * folder, as before. `--ref-root` / `refRoot` set it explicitly. Only `lstat` is used: nothing is
 * opened while looking.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Where a spec may read from, and why (the refusal message says which, and how to widen it). */
export interface RefBoundary {
  /** Absolute folder, as given (bundle.ts also compares after resolving symlinks). */
  readonly root: string;
  /** `ref-root`: set by `--ref-root`/`refRoot`; `repository`: the nearest `.git`; `folder`: the entry file's folder. */
  readonly kind: 'ref-root' | 'repository' | 'folder';
}

/** The boundary for the spec whose entry file is `entry`; `refRoot` (absolute) wins when given. */
export function refBoundary(entry: string, refRoot: string | undefined): RefBoundary {
  if (refRoot !== undefined) return { root: path.resolve(refRoot), kind: 'ref-root' };
  const folder = path.dirname(path.resolve(entry));
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (hasEntry(path.join(dir, '.git'))) return { root: dir, kind: 'repository' };
    if (path.dirname(dir) === dir) return { root: folder, kind: 'folder' };
  }
}

/** How the refusal names the boundary: `the spec's folder /a/b`, `the repository /a`, `--ref-root /a`. */
export function describeBoundary(b: RefBoundary): string {
  const label = b.kind === 'ref-root' ? 'the --ref-root folder' : b.kind === 'repository' ? 'the repository (nearest .git)' : "the spec's folder";
  return `${label} ${b.root}`;
}

/** What the refusal tells the user to do. */
export const WIDEN_HINT = 'widen it with --ref-root <dir> (or "refRoot" in the config file)';

function hasEntry(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
