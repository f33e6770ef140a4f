/**
 * The manifest in `<out>`: generator version, a hash of every input, and every generated file.
 * It is how svc-gen knows which files in `<out>` are its own (everything else is the user's).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtualFile } from '../render/render.js';
import { isInside, unsafeTarget } from './paths.js';

/** The manifest's content. Paths are POSIX, relative to `<out>`, so it is the same on every machine. */
export interface Manifest {
  readonly generator: 'svc-gen';
  readonly version: string;
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds the manifest file for `files` generated from `inputs` (absolute path → hash). */
export function manifestFile(name: string, out: string, version: string, inputs: ReadonlyMap<string, string>, files: readonly VirtualFile[]): VirtualFile {
  const manifest: Manifest = {
    generator: 'svc-gen',
    version,
    inputs: [...inputs]
      .map(([file, hash]) => ({ path: path.relative(out, file).split(path.sep).join('/'), sha256: hash }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.contents) })),
  };
  return { path: name, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** The files the manifest at `<out>/<name>` lists as generated; empty when there is none (or it is not ours). */
export function previouslyGenerated(out: string, name: string): string[] {
  let parsed: unknown;
  if (unsafeTarget(out, name) !== undefined) return []; // a symlinked manifest is not read (planning reports it)
  try {
    parsed = JSON.parse(readFileSync(path.join(out, name), 'utf8'));
  } catch {
    return [];
  }
  const m = parsed as Partial<Manifest>;
  if (m.generator !== 'svc-gen' || !Array.isArray(m.files)) return [];
  // A hand-edited manifest must not make svc-gen delete outside <out>.
  return m.files.map((f) => String(f?.path)).filter((p) => isInside(out, p)).concat(name);
}
