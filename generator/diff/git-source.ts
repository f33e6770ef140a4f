/**
 * `git:<rev>:<path>` sides: the files under `<path>` at `<rev>` of the repository the command runs
 * in, extracted with `git archive` into a temporary folder (nothing is checked out, the work tree
 * and index are not touched). `<path>` is relative to the working directory, as in the work tree.
 * The whole of `<path>` is extracted, and the temporary folder stands for the repository: `$ref`s
 * between files under `<path>` (say `specs/order` → `specs/common`) resolve as in a checkout, with
 * the folder as the loader's boundary. A `$ref` to a file outside `<path>` is not found: give a
 * wider `<path>`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inputError } from '../errors.js';

/** A side given as a git revision. */
export interface GitSide {
  readonly rev: string;
  /** The path as given (relative to the working directory). */
  readonly path: string;
}

/** Parses `git:<rev>:<path>`; undefined for any other argument. */
export function parseGitSide(arg: string): GitSide | undefined {
  if (!arg.startsWith('git:')) return undefined;
  const rest = arg.slice(4);
  const colon = rest.indexOf(':');
  if (colon <= 0) return { rev: rest, path: '.' };
  return { rev: rest.slice(0, colon), path: rest.slice(colon + 1) || '.' };
}

/** Extracts the side into a fresh temporary folder; returns the path to read and a cleanup. */
export function extractGitSide(side: GitSide, cwd: string): { readonly path: string; readonly root: string; readonly cleanup: () => void } {
  const label = `git:${side.rev}:${side.path}`;
  if (side.rev.startsWith('-')) throw inputError('SVCGEN_PATH_NOT_FOUND', label, 'a revision cannot start with "-"');
  const git = (args: string[], at = cwd) => execFileSync('git', args, { cwd: at, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  let prefix: string;
  let top: string;
  try {
    prefix = git(['rev-parse', '--show-prefix']).toString().trim();
    top = git(['rev-parse', '--show-toplevel']).toString().trim();
    git(['rev-parse', '--verify', '--quiet', `${side.rev}^{commit}`]);
  } catch (e) {
    throw inputError('SVCGEN_PATH_NOT_FOUND', label, `not a revision of the git repository at ${cwd}: ${stderrOf(e)}`);
  }
  const inRepo = path.posix.normalize(path.posix.join(prefix, side.path.split(path.sep).join('/'))).replace(/\/$/, '');
  if (inRepo.startsWith('..')) throw inputError('SVCGEN_PATH_NOT_FOUND', label, 'the path leaves the repository');
  let tar: Buffer;
  try {
    // From the top level: run in a sub-folder, git archive would take paths (and the tree) relative to it.
    tar = git(['archive', '--format=tar', side.rev, '--', inRepo === '' ? '.' : inRepo], top);
  } catch (e) {
    throw inputError('SVCGEN_PATH_NOT_FOUND', label, `no such path at ${side.rev}: ${stderrOf(e)}`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'svc-gen-diff-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    execFileSync('tar', ['-x', '-f', '-', '-C', dir], { input: tar, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (e) {
    cleanup();
    throw new Error(`cannot extract ${label}: ${stderrOf(e)}`);
  }
  return { path: path.join(dir, ...inRepo.split('/')), root: dir, cleanup };
}

function stderrOf(e: unknown): string {
  const err = (e as { stderr?: Buffer }).stderr;
  const text = err ? err.toString().trim() : '';
  return text.split('\n')[0] || (e as Error).message;
}
