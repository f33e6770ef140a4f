/**
 * The manifest in `<out>`: generator version, a hash of every input, and every generated file.
 * It is how svc-gen knows which files in `<out>` are its own (everything else is the user's).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtualFile } from '../render/render.js';
import { sha256 } from '../util/hash.js';
import type { CrossServiceFacts } from './cross-service.js';
import { isInside, unsafeTarget } from './paths.js';

/** One service as a run reports it; the manifest keeps it so an unchanged `--check` can report without generating. */
export interface ServiceSummary {
  /** Registry key (`getService(name)`). */
  readonly name: string;
  /** The generated client class. */
  readonly className: string;
  /** Entry spec file (relative to `<out>` in the manifest, absolute in a report). */
  readonly file: string;
  /** Every file the spec was read from: the entry and each file its `$ref`s reached (sorted; paths as `file`). */
  readonly inputs: readonly string[];
  readonly operations: number;
  /** Generated files of this service (POSIX paths relative to `out`). */
  readonly files: readonly string[];
  /** This service's warnings (also in the run's warnings, prefixed with the service name). */
  readonly warnings: readonly string[];
}

/**
 * The manifest's form of a service: paths relative to `<out>`, plus what the files every service
 * feeds read of its model, so a run that reuses this service's files can rebuild them (cross-service.ts).
 */
export interface ManifestService extends ServiceSummary {
  readonly crossService: CrossServiceFacts;
}

/** The manifest's content. Paths are POSIX, relative to `<out>`, so it is the same on every machine. */
export interface Manifest {
  readonly generator: 'svc-gen';
  readonly version: string;
  /** Hash of the options and sources that decide the output besides file contents (output/up-to-date.ts). */
  readonly fingerprint: string;
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly services: readonly ManifestService[];
  /** The run's warnings, as reported: each service's in turn, in the order of `services`. */
  readonly warnings: readonly string[];
}

/** What the manifest records besides inputs and files. */
export interface ManifestExtras {
  readonly fingerprint: string;
  readonly services: readonly ManifestService[];
  readonly warnings: readonly string[];
}

/** POSIX path of `file` relative to `out`. */
export function relativeTo(out: string, file: string): string {
  return path.relative(out, file).split(path.sep).join('/');
}

/** Builds the manifest file for `files` generated from `inputs` (absolute path → hash). */
export function manifestFile(
  name: string,
  out: string,
  version: string,
  inputs: ReadonlyMap<string, string>,
  files: readonly VirtualFile[],
  extras: ManifestExtras,
): VirtualFile {
  const manifest: Manifest = {
    generator: 'svc-gen',
    version,
    fingerprint: extras.fingerprint,
    inputs: [...inputs].map(([file, hash]) => ({ path: relativeTo(out, file), sha256: hash })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.contents) })),
    services: extras.services,
    warnings: extras.warnings,
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
  return m.files
    .map((f) => String(f?.path))
    .filter((p) => isInside(out, p))
    .concat(name);
}
