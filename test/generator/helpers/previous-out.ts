/**
 * The starting point of the refusal tests: a temp folder whose `out/` holds a previous generation
 * (of `good/ok.yaml`) and a user file, so each test can prove a refused run left it untouched.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { svcGen } from './cli.js';
import { cleanup, tempDir } from './fs.js';
import { tinySpec, writeFiles } from './specs.js';

export interface PreviousOut {
  /** The temp folder of the current test. */
  readonly dir: string;
  /** `<dir>/out`, generated once and holding `mine.txt`. */
  readonly out: string;
}

/** Registers the hooks; `files` are written beside `good/` (relative to the temp folder). */
export function usePreviousOut(files: Record<string, string> = {}): PreviousOut {
  let dir = '';
  beforeEach(async () => {
    dir = tempDir();
    writeFiles(dir, { 'good/ok.yaml': tinySpec(), ...files });
    expect((await svcGen(path.join(dir, 'good'), '--out', path.join(dir, 'out'), '-q')).code).toBe(0);
    writeFiles(path.join(dir, 'out'), { 'mine.txt': 'user file' });
  });
  afterEach(() => cleanup(dir));
  return {
    get dir() {
      return dir;
    },
    get out() {
      return path.join(dir, 'out');
    },
  };
}
