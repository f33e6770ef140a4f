/**
 * Where svc-gen may write or delete inside `<out>`: never outside it, never through a symlink
 * (a symlinked folder in `<out>` would carry the write elsewhere), never over a directory.
 * `<out>` itself may be a symlink: the user chose it.
 */
import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';

/** True when relative POSIX path `rel` stays inside `out`. */
export function isInside(out: string, rel: string): boolean {
  const full = path.resolve(out, rel);
  return !path.isAbsolute(rel) && full.startsWith(out + path.sep);
}

/**
 * Why `rel` (a POSIX path relative to `out`) cannot be written or removed safely, or undefined.
 * Only `lstat`s: nothing is followed or read.
 */
export function unsafeTarget(out: string, rel: string): string | undefined {
  if (!isInside(out, rel)) return 'is outside the output directory';
  const parts = rel.split('/');
  let at = out;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    const last = i === parts.length - 1;
    let stat: Stats | undefined;
    try {
      stat = lstatSync(at);
    } catch {
      return undefined; // missing: svc-gen creates it
    }
    const shown = parts.slice(0, i + 1).join('/');
    if (stat.isSymbolicLink()) return `${shown} is a symlink; svc-gen does not write through symlinks in <out> (that could write outside it)`;
    if (!last && !stat.isDirectory()) return `${shown} is a file, where svc-gen needs a folder`;
    if (last && !stat.isFile()) return `${shown} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, where svc-gen writes a file`;
  }
  return undefined;
}
