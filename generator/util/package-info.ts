/**
 * Locates svc-gen's own package root (for templates/ and the version), from source under vitest
 * (generator/) and from the build (dist/generator/) alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest ancestor of this file holding a `templates/` folder and package.json. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`svc-gen: cannot find its templates/ folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** svc-gen's version from its package.json; recorded in the manifest. */
export function generatorVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
