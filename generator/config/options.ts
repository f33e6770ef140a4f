/**
 * Raw options (from the CLI, the config file or the library API) → one fully resolved options object.
 * Every default lives here, so nothing downstream re-checks `undefined`.
 */
import path from 'node:path';
import { type LoadedConfig, type ServiceConfig, validateServices } from './config.js';

/** What `generate()` accepts. */
export interface GenerateOptions {
  /** Spec files and/or directories of specs. @default [] (then `services` must name at least one) */
  inputs?: readonly string[];
  /** Output directory; svc-gen only ever touches files its manifest lists. */
  out: string;
  /**
   * Services by registry key (kebab-case), each with its spec file or folder. A spec listed here
   * is named by its key (over `info.x-service-name` and the file name), even when `inputs` also finds it.
   * @default {}
   */
  services?: Readonly<Record<string, ServiceConfig>>;
  /** Compare with `out` instead of writing. @default false */
  check?: boolean;
  /** Module specifier generated clients import the runtime from. @default '@svc-gen/runtime' */
  runtimeModule?: string;
  /**
   * The folder every spec's `$ref`s may read from (files outside it are refused unread).
   * @default the nearest ancestor of each spec with a `.git` entry, else the spec's own folder
   */
  refRoot?: string;
  /** Base for relative `inputs`, `out`, `refRoot` and `services[…].spec`. @default process.cwd() */
  cwd?: string;
}

/** One configured service, resolved. */
export interface ResolvedService {
  /** Registry key. */
  readonly name: string;
  /** Absolute path of the spec file or folder. */
  readonly spec: string;
  /** Operations to keep, by operationId; undefined keeps every operation. */
  readonly operationIds: readonly string[] | undefined;
  /** Runtime defaults written to `<out>/defaults.ts`; undefined when not set. */
  readonly retryCount: number | undefined;
  readonly timeout: number | undefined;
}

/** `GenerateOptions` with every default applied and every path absolute. */
export interface ResolvedOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly services: readonly ResolvedService[];
  readonly check: boolean;
  readonly runtimeModule: string;
  /** Absolute; undefined: each spec's repository (ref-boundary.ts). */
  readonly refRoot: string | undefined;
  readonly cwd: string;
}

/** Name of the manifest file written into `out`. */
export const MANIFEST_FILE = 'svc-gen.manifest.json';

/** Name of the file holding `serviceDefaults`, written into `out` when any service sets `retryCount` or `timeout`. */
export const DEFAULTS_FILE = 'defaults.ts';

/** Resolves paths against `cwd` and fills in defaults; throws `SVCGEN_CONFIG` for malformed `services`. */
export function resolveOptions(raw: GenerateOptions): ResolvedOptions {
  validateServices(raw.services, 'generate() options');
  const cwd = path.resolve(raw.cwd ?? process.cwd());
  const services = Object.entries(raw.services ?? {})
    .map(([name, s]) => ({
      name,
      spec: path.resolve(cwd, s.spec),
      operationIds: s.operationIds,
      retryCount: s.retryCount,
      timeout: s.timeout,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    cwd,
    inputs: (raw.inputs ?? []).map((p) => path.resolve(cwd, p)),
    out: path.resolve(cwd, raw.out),
    services,
    check: raw.check ?? false,
    runtimeModule: raw.runtimeModule ?? '@svc-gen/runtime',
    refRoot: raw.refRoot === undefined ? undefined : path.resolve(cwd, raw.refRoot),
  };
}

/** What the command line says, before the config file is merged in. */
export interface CliOptions {
  readonly inputs: readonly string[];
  readonly out: string | undefined;
  readonly check: boolean;
  readonly runtimeModule: string | undefined;
  readonly refRoot: string | undefined;
}

/**
 * Flags over the config file: arguments replace `inputs`, `--out` replaces `out`, `--ref-root` replaces `refRoot`; the config's
 * `services` always apply. Config paths are already absolute; flag paths are relative to `cwd`.
 * Returns undefined for `out` when neither says where to write (a usage error for the caller to report).
 */
export function mergeConfig(flags: CliOptions, config: LoadedConfig | undefined, cwd: string): Omit<GenerateOptions, 'out'> & { out: string | undefined } {
  const c = config?.config ?? {};
  const runtimeModule = flags.runtimeModule ?? c.runtimeModule;
  const refRoot = flags.refRoot ?? c.refRoot;
  return {
    cwd,
    inputs: flags.inputs.length > 0 ? flags.inputs : (c.inputs ?? []),
    out: flags.out ?? c.out,
    check: flags.check,
    ...(c.services ? { services: c.services } : {}),
    ...(runtimeModule !== undefined ? { runtimeModule } : {}),
    ...(refRoot !== undefined ? { refRoot } : {}),
  };
}
