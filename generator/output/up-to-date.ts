/**
 * What the manifest in `<out>` proves without generating. Generation is deterministic and each
 * service's own files depend only on its own inputs (its entry spec and every file its `$ref`s
 * reached) and on what the fingerprint covers (version, templates, options, the set of sources).
 * So when the manifest was written under the same fingerprint, a service whose inputs and generated
 * files all still have the hashes the manifest lists is up to date by construction, and its files
 * can be reused as they are on disk; any other service must be generated again. When every input
 * and every file matches, the whole of `<out>` is up to date. Any doubt about the manifest itself
 * (none, another fingerprint, not svc-gen's, malformed) answers `undefined`: the full pipeline runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VirtualFile } from '../render/render.js';
import { sha256 } from '../util/hash.js';
import { isCrossServiceFacts } from './cross-service.js';
import type { Manifest, ManifestService } from './manifest.js';
import { unsafeTarget } from './paths.js';

/** What decides the output besides the specs' bytes: version, options, and which sources make which service. */
export interface FingerprintInput {
  readonly version: string;
  /** The templates' text: a changed template changes the output under the same version. */
  readonly templates: string;
  readonly out: string;
  readonly runtimeModule: string;
  /** The folder `$ref`s may read from (it decides which specs load at all); undefined: the default. */
  readonly refRoot?: string | undefined;
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
      input.refRoot === undefined ? null : rel(input.refRoot),
      input.sources.map((s) => [rel(s.entry), s.name ?? null, s.operationIds ?? null]),
      input.defaults,
    ]),
  );
}

/**
 * The hash the manifest records for an input the loader hashed as `loaded`: the file's own bytes,
 * which the proof compares against. The loader's hash of a `$ref`-ed file is of its text with CRLF
 * line ends made LF (redocly reads it so); when that is what the file holds now, the file's raw hash
 * is recorded. Otherwise (the file changed since it was read) the loader's hash stays, so the next
 * run sees the change.
 */
export function recordedHash(file: string, loaded: string): string {
  const body = read(file);
  if (body === undefined) return loaded;
  const raw = sha256(body);
  if (raw === loaded) return raw;
  return body.includes('\r\n') && sha256(body.replace(/\r\n/g, '\n')) === loaded ? raw : loaded;
}

/** One service of the manifest and whether its files can be reused. */
export interface ServiceProof {
  /** As the manifest records it (paths relative to `<out>`). */
  readonly service: ManifestService;
  /** Its generated files as on disk, when they and all its inputs have the manifest's hashes; undefined: generate it again. */
  readonly files: readonly VirtualFile[] | undefined;
  /** Its share of the run's warnings, as reported (prefixed where the run prefixed them). */
  readonly reported: readonly string[];
}

/** What the manifest proves about `<out>`. */
export interface ManifestProof {
  /** The manifest as on disk. */
  readonly text: string;
  /** Every service of the manifest, in its order. */
  readonly services: readonly ServiceProof[];
  /** Every input the manifest lists whose file still has the listed hash: absolute path → hash. */
  readonly unchangedInputs: ReadonlyMap<string, string>;
  /** The generated files no service lists (index.ts, testing.ts…) that still have the manifest's hash: path → contents. */
  readonly crossFiles: ReadonlyMap<string, string>;
  /** Every input and every generated file has the manifest's hash: `<out>` is up to date. */
  readonly upToDate: boolean;
  /** With `upToDate`: every generated file as on disk, then the manifest. */
  readonly files: readonly VirtualFile[];
  readonly warnings: readonly string[];
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isHashed = (v: unknown): v is { path: string; sha256: string }[] =>
  Array.isArray(v) && v.every((e) => typeof e?.path === 'string' && typeof e?.sha256 === 'string');

function isService(v: unknown): v is ManifestService {
  const s = v as Partial<ManifestService> | null;
  return (
    typeof s?.name === 'string' &&
    typeof s.className === 'string' &&
    typeof s.file === 'string' &&
    typeof s.operations === 'number' &&
    isStrings(s.inputs) &&
    isStrings(s.files) &&
    isStrings(s.warnings) &&
    isCrossServiceFacts(s.crossService)
  );
}

/** The manifest at `<out>/<manifestName>` written under fingerprint `expected`, checked against the disk; undefined when there is none to trust. */
export function proveByManifest(out: string, manifestName: string, expected: string): ManifestProof | undefined {
  if (unsafeTarget(out, manifestName) !== undefined) return undefined;
  const text = read(path.join(out, manifestName));
  if (text === undefined) return undefined;
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch {
    return undefined;
  }
  const { inputs, files, services, warnings } = manifest;
  if (
    manifest.generator !== 'svc-gen' ||
    manifest.fingerprint !== expected ||
    !isHashed(inputs) ||
    !isHashed(files) ||
    !Array.isArray(services) ||
    !services.every(isService) ||
    !isStrings(warnings) ||
    services.reduce((n, s) => n + s.warnings.length, 0) !== warnings.length
  ) {
    return undefined;
  }
  const unchangedInputs = new Map<string, string>();
  for (const input of inputs) {
    const body = read(path.resolve(out, input.path));
    if (body !== undefined && sha256(body) === input.sha256) unchangedInputs.set(input.path, input.sha256);
  }
  const onDisk = new Map<string, string>();
  for (const file of files) {
    if (unsafeTarget(out, file.path) !== undefined) continue;
    const body = read(path.join(out, file.path));
    if (body !== undefined && sha256(body) === file.sha256) onDisk.set(file.path, body);
  }
  let at = 0;
  const proofs = services.map((service): ServiceProof => {
    const reported = warnings.slice(at, at + service.warnings.length);
    at += service.warnings.length;
    const fresh = service.inputs.every((f) => unchangedInputs.has(f)) && service.files.every((f) => onDisk.has(f));
    return { service, files: fresh ? service.files.map((f) => ({ path: f, contents: onDisk.get(f) ?? '' })) : undefined, reported };
  });
  const upToDate = unchangedInputs.size === inputs.length && onDisk.size === files.length;
  const owned = new Set(services.flatMap((s) => s.files));
  return {
    text,
    services: proofs,
    unchangedInputs: new Map([...unchangedInputs].map(([rel, hash]) => [path.resolve(out, rel), hash])),
    crossFiles: new Map([...onDisk].filter(([f]) => !owned.has(f))),
    upToDate,
    files: upToDate ? [...files.map((f) => ({ path: f.path, contents: onDisk.get(f.path) ?? '' })), { path: manifestName, contents: text }] : [],
    warnings,
  };
}
