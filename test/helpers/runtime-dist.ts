/**
 * Tests that run the BUILT runtime (runtime/dist: ESM and CommonJS) build it when a bare
 * `vitest run` has not (`npm test` builds first, in pretest).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds runtime/dist unless both of its entry points are there. */
export function ensureRuntimeBuilt(): void {
  const built = ['esm', 'cjs'].every((format) => existsSync(path.join(ROOT, 'runtime/dist', format, 'index.js')));
  if (!built) execFileSync(process.execPath, [path.join(ROOT, 'runtime/build.mjs')], { stdio: 'inherit' });
}
