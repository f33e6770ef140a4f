/**
 * A side of the diff (a spec file, a folder of specs, or `git:<rev>:<path>`) → its services, each
 * loaded and checked exactly as generation does it (prepare.ts's `checkOne`: discovery, $ref
 * bundling within the loader's boundary, Swagger 2.0 conversion, duplicate operationIds renamed,
 * the document checks) and named as generation names it.
 */

import path from 'node:path';
import { inputError } from '../errors.js';
import { discover } from '../load/discover.js';
import { type Checked, checkOne } from '../load/prepare.js';
import { serviceNames } from '../model/registry.js';
import { extractGitSide, parseGitSide } from './git-source.js';

type Json = Record<string, unknown>;

/** One loaded side. */
export interface Side {
  /** The argument as given. */
  readonly label: string;
  /** Path of the specs on disk (a temporary folder for a git side). */
  readonly path: string;
  /** Bundled document by service name, in name order. */
  readonly services: ReadonlyMap<string, Json>;
  /** The `$ref` boundary used: the extracted tree for a git side (it stands for the repository); undefined (the loader's default) otherwise. */
  readonly refRoot: string | undefined;
  /** Removes what a git side extracted; a no-op otherwise. */
  readonly cleanup: () => void;
}

/** Loads a side; throws `SvcGenInputError` for anything generation would refuse. */
export async function loadSide(arg: string, cwd: string): Promise<Side> {
  const git = parseGitSide(arg);
  const extracted = git ? extractGitSide(git, cwd) : undefined;
  const at = extracted?.path ?? path.resolve(cwd, arg);
  const refRoot = extracted?.root;
  try {
    const sources = discover([at]);
    const all = await Promise.all(sources.map((s) => checkOne({ ...s, name: undefined, operationIds: undefined }, refRoot)));
    // Scanned files that are not specs are shared files, skipped as generation skips them.
    const loaded = all.filter((l): l is Checked => !('shared' in l));
    if (loaded.length === 0)
      throw inputError('SVCGEN_NO_SPECS', arg, 'no spec found: every file scanned is a shared file (no "openapi" or "swagger" at its top level)');
    const names = serviceNames(loaded.map((l) => ({ file: l.loaded.source.entry, fallbackName: l.loaded.source.fallbackName, document: l.document })));
    const services = new Map<string, Json>();
    names
      .map((n, i) => [n, loaded[i]?.document] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .forEach(([n, d]) => {
        if (d) services.set(n, d);
      });
    return { label: arg, path: at, services, refRoot, cleanup: extracted?.cleanup ?? (() => {}) };
  } catch (e) {
    extracted?.cleanup();
    throw e;
  }
}
