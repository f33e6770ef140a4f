/**
 * `--check` without generating. Generation is deterministic, so when the manifest in `<out>` was
 * written by this version, from the same options and the same spec sources, and every input file
 * and every generated file still has the hash the manifest lists, the output is up to date by
 * construction. Any doubt (no manifest, another version, a changed or missing file, a new spec)
 * answers `undefined`, and the full pipeline runs and reports the drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtualFile } from '../render/render.js';
import { sha256 } from '../util/hash.js';
import type { Manifest, ManifestService } from './manifest.js';
import { unsafeTarget } from './paths.js';

/** What decides the output besides the specs' bytes: version, options, and which sources make which service. */
export interface FingerprintInput {
  readonly version: string;
  /** The templates' text: a changed template changes the output under the same version. */
  readonly templates: string;
  readonly out: string;
  readonly runtimeModule: string;
  /** Each spec source: entry file (absolute), and the name/operations a config gave it. */
  readonly sources: readonly { entry: string; name?: string | undefined; operationIds?: readonly string[] | undefined }[];
  /** The config's per-service defaults (they render `defaults.ts`). */
  readonly defaults: unknown;
}

/** A hash of everything that decides the output other than file contents; paths relative to `out`. */
export function fingerprint(input: FingerprintInput): string {
  const rel = (file: string) => path.relative(input.out, file).split(path.sep).join('/');
  return sha256(
    JSON.stringify([
      input.version,
      sha256(input.templates),
      input.runtimeModule,
      input.sources.map((s) => [rel(s.entry), s.name ?? null, s.operationIds ?? null]),
      input.defaults,
    ]),
  );
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The generated files and service summaries when `<out>` is provably up to date; else undefined. */
export function upToDateByManifest(
  out: string,
  manifestName: string,
  expected: string,
): { files: VirtualFile[]; services: readonly ManifestService[]; warnings: readonly string[] } | undefined {
  if (unsafeTarget(out, manifestName) !== undefined) return undefined;
  const text = read(path.join(out, manifestName));
  if (text === undefined) return undefined;
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch {
    return undefined;
  }
  if (
    manifest.generator !== 'svc-gen' ||
    manifest.fingerprint !== expected ||
    !Array.isArray(manifest.files) ||
    !Array.isArray(manifest.inputs) ||
    !Array.isArray(manifest.services) ||
    !Array.isArray(manifest.warnings)
  ) {
    return undefined;
  }
  for (const input of manifest.inputs) {
    const body = read(path.resolve(out, input.path));
    if (body === undefined || sha256(body) !== input.sha256) return undefined;
  }
  const files: VirtualFile[] = [];
  for (const file of manifest.files) {
    if (unsafeTarget(out, file.path) !== undefined) return undefined;
    const body = read(path.join(out, file.path));
    if (body === undefined || sha256(body) !== file.sha256) return undefined;
    files.push({ path: file.path, contents: body });
  }
  files.push({ path: manifestName, contents: text });
  return { files, services: manifest.services, warnings: manifest.warnings };
}
