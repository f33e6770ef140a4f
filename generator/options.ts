/**
 * Raw options (from the CLI or the library API) → one fully resolved options object.
 * Every default lives here, so nothing downstream re-checks `undefined`.
 */
import path from 'node:path';

/** What `generate()` accepts. */
export interface GenerateOptions {
  /** Spec files and/or directories of specs. */
  inputs: readonly string[];
  /** Output directory; svc-gen only ever touches files its manifest lists. */
  out: string;
  /** Compare with `out` instead of writing. @default false */
  check?: boolean;
  /** Module specifier generated clients import the runtime from. @default 'svc-gen/runtime' */
  runtimeModule?: string;
  /** Base for relative `inputs` and `out`. @default process.cwd() */
  cwd?: string;
}

/** `GenerateOptions` with every default applied and every path absolute. */
export interface ResolvedOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly check: boolean;
  readonly runtimeModule: string;
  readonly cwd: string;
}

/** Name of the manifest file written into `out`. */
export const MANIFEST_FILE = 'svc-gen.manifest.json';

/** Resolves paths against `cwd` and fills in defaults. */
export function resolveOptions(raw: GenerateOptions): ResolvedOptions {
  const cwd = path.resolve(raw.cwd ?? process.cwd());
  return {
    cwd,
    inputs: raw.inputs.map((p) => path.resolve(cwd, p)),
    out: path.resolve(cwd, raw.out),
    check: raw.check ?? false,
    runtimeModule: raw.runtimeModule ?? 'svc-gen/runtime',
  };
}
