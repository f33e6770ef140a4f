/**
 * The config file: `svc-gen.config.json` (or `.mjs` / `.ts` for computed values), found in the
 * working directory or named with `--config`. It holds what the flags hold (`inputs`, `out`,
 * `runtimeModule`) plus per-service entries that map spec files to service names. Every problem is
 * an `SVCGEN_CONFIG` input error naming the file and the key; unknown keys are errors, not ignored.
 */
import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type InputProblem, SvcGenInputError } from '../errors.js';
import { kebabCase } from '../model/names.js';
import { escapePointer } from '../util/json-pointer.js';

/** Config file names looked for in the working directory, in this order; at most one may exist. */
export const CONFIG_FILES = ['svc-gen.config.json', 'svc-gen.config.mjs', 'svc-gen.config.ts'] as const;

/** One service named in the config. Paths are relative to the config file. */
export interface ServiceConfig {
  /** The spec: a file, or a folder holding `openapi.yaml|yml|json` (which `$ref`s the rest). */
  spec: string;
  /** Generate only these operations (by `operationId`); each must exist in the spec. @default every operation */
  operationIds?: readonly string[];
  /** Default extra attempts for this service, exported in `<out>/defaults.ts` as `serviceDefaults`. */
  retryCount?: number;
  /** Default total time per call in ms, exported in `<out>/defaults.ts` as `serviceDefaults`. */
  timeout?: number;
}

/** What a config file holds. Flags given on the command line override these. */
export interface SvcGenConfig {
  /** Editors' JSON-schema hint; ignored. */
  $schema?: string;
  /** Spec files and/or directories of specs, like the CLI's arguments. Relative to the config file. */
  inputs?: readonly string[];
  /** Output directory, like `--out`. Relative to the config file. */
  out?: string;
  /** Services by registry key (kebab-case): where each one's spec is, and its options. */
  services?: Readonly<Record<string, ServiceConfig>>;
  /** Module generated clients import the runtime from. @default '@svc-gen/runtime' */
  runtimeModule?: string;
  /**
   * The folder `$ref`s may read from, like `--ref-root`; applies to `inputs` and `services` alike.
   * Relative to the config file. @default each spec's repository (nearest `.git`), else its folder
   */
  refRoot?: string;
}

/** A config file after loading: its absolute path and its content with every path made absolute. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: SvcGenConfig;
}

const TOP_KEYS = ['$schema', 'inputs', 'out', 'services', 'runtimeModule', 'refRoot'] as const;
const SERVICE_KEYS = ['spec', 'operationIds', 'retryCount', 'timeout'] as const;

/**
 * Loads the config: `file` when given (it must exist), else the one `CONFIG_FILES` entry in `cwd`.
 * Returns undefined when there is none.
 */
export async function loadConfig(options: { file?: string | undefined; cwd?: string | undefined } = {}): Promise<LoadedConfig | undefined> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const file = options.file !== undefined ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  if (file === undefined) return undefined;
  if (!existsSync(file) || !statSync(file).isFile()) throw configError(file, {}, 'no such config file');
  const raw = await readConfigValue(file);
  return { file, config: absolutePaths(validateConfig(raw, file), path.dirname(file)) };
}

/** The config file in `dir`, if any; two candidates at once is an error (which one wins would be a guess). */
export function findConfigFile(dir: string): string | undefined {
  const found = CONFIG_FILES.map((n) => path.join(dir, n)).filter((f) => existsSync(f));
  if (found.length > 1)
    throw configError(found[1] as string, {}, `more than one config file: ${found.map((f) => path.basename(f)).join(', ')}; keep one or pass --config`);
  return found[0];
}

/** Reads the raw value: JSON parsed, or the module's default export (a value, a promise, or a function returning either). */
async function readConfigValue(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    const text = readFileSync(file, 'utf8');
    try {
      return JSON.parse(text);
    } catch (e) {
      return jsonSyntaxError(file, text, e as Error);
    }
  }
  if (!/\.(mjs|js|ts|mts)$/.test(file)) throw configError(file, {}, 'unsupported config file type (expected .json, .mjs or .ts)');
  let mod: { default?: unknown };
  try {
    mod = /\.m?ts$/.test(file)
      ? await importTypeScript(file)
      : ((await import(`${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`)) as { default?: unknown });
  } catch (e) {
    if (e instanceof SvcGenInputError) throw e;
    throw configError(file, {}, `cannot load: ${(e as Error)?.message ?? String(e)}`);
  }
  if (!('default' in mod)) throw configError(file, {}, 'no default export (write `export default { ... }`)');
  try {
    const value = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : await mod.default;
    return value;
  } catch (e) {
    throw configError(file, {}, `its default export threw: ${(e as Error)?.message ?? String(e)}`);
  }
}

/**
 * Node 20 cannot import TypeScript, so a `.ts` config is transpiled with the `typescript` package
 * (types are erased, not checked) to a temporary `.mjs` beside it, where its relative imports of
 * `.js`/`.mjs` files still resolve, imported, and removed. Relative imports of other `.ts` files
 * are not supported (Node would have to load them too).
 */
async function importTypeScript(file: string): Promise<{ default?: unknown }> {
  const { default: ts } = await import('typescript');
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, sourceMap: false },
  });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.mjs`);
  try {
    writeFileSync(temp, output.outputText);
  } catch {
    // A read-only folder: import from memory instead (only relative imports are lost).
    return (await import(`data:text/javascript;base64,${Buffer.from(output.outputText).toString('base64')}`)) as { default?: unknown };
  }
  try {
    return (await import(pathToFileURL(temp).href)) as { default?: unknown };
  } finally {
    unlinkSync(temp);
  }
}

function jsonSyntaxError(file: string, text: string, e: Error): never {
  const at = /position (\d+)/.exec(e.message);
  const location: InputProblem['location'] = {};
  if (at) {
    const before = text.slice(0, Number(at[1]));
    location.line = before.split('\n').length;
    location.column = before.length - before.lastIndexOf('\n');
  }
  throw configError(file, location, `invalid JSON: ${e.message}`);
}

/** Checks a raw config value: every key known, every value of the right type. Collects every problem. */
export function validateConfig(value: unknown, file: string): SvcGenConfig {
  const problems: InputProblem[] = [];
  const fail = (pointer: string, reason: string) => problems.push({ code: 'SVCGEN_CONFIG', file, location: { pointer }, reason });
  if (!isRecord(value)) {
    fail('', `the config must be an object, got ${describe(value)}`);
    throw new SvcGenInputError(problems);
  }
  unknownKeys(value, TOP_KEYS, '', fail);
  if (value['$schema'] !== undefined && typeof value['$schema'] !== 'string') fail('/$schema', '"$schema" must be a string');
  if (value['inputs'] !== undefined) stringList(value['inputs'], '/inputs', 'inputs', fail, true);
  if (value['out'] !== undefined && !nonEmptyString(value['out'])) fail('/out', '"out" must be a non-empty string');
  if (value['runtimeModule'] !== undefined && !nonEmptyString(value['runtimeModule'])) fail('/runtimeModule', '"runtimeModule" must be a non-empty string');
  if (value['refRoot'] !== undefined && !nonEmptyString(value['refRoot'])) fail('/refRoot', '"refRoot" must be a non-empty string (a folder)');
  if (value['services'] !== undefined) {
    if (!isRecord(value['services'])) fail('/services', `"services" must be an object keyed by service name, got ${describe(value['services'])}`);
    else for (const [name, entry] of Object.entries(value['services'])) checkService(name, entry, fail);
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  return value as SvcGenConfig;
}

/** Checks `services` given to `generate()` directly (no file): same rules, reported against `where`. */
export function validateServices(services: unknown, where: string): void {
  if (services === undefined) return;
  validateConfig({ services }, where);
}

function checkService(name: string, entry: unknown, fail: (pointer: string, reason: string) => void): void {
  const at = `/services/${escapePointer(name)}`;
  const label = `services[${JSON.stringify(name)}]`;
  if (kebabCase(name) !== name) {
    const suggestion = kebabCase(name);
    fail(at, `service name ${JSON.stringify(name)} is not a registry key (kebab-case)${suggestion ? `; use ${JSON.stringify(suggestion)}` : ''}`);
  }
  if (!isRecord(entry)) {
    fail(at, `${label} must be an object like { "spec": "path/to/spec.yaml" }, got ${describe(entry)}`);
    return;
  }
  unknownKeys(entry, SERVICE_KEYS, at, fail, label);
  if (entry['spec'] === undefined) fail(`${at}/spec`, `${label}.spec is required (a spec file, or a folder with an openapi.yaml entry)`);
  else if (!nonEmptyString(entry['spec'])) fail(`${at}/spec`, `${label}.spec must be a non-empty string`);
  if (entry['operationIds'] !== undefined) stringList(entry['operationIds'], `${at}/operationIds`, `${label}.operationIds`, fail, false);
  const retry = entry['retryCount'];
  if (retry !== undefined && !(typeof retry === 'number' && Number.isInteger(retry) && retry >= 0 && retry <= 100)) {
    fail(`${at}/retryCount`, `${label}.retryCount must be an integer from 0 to 100, got ${describe(retry)}`);
  }
  const timeout = entry['timeout'];
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0)) {
    fail(`${at}/timeout`, `${label}.timeout must be a positive number of milliseconds, got ${describe(timeout)}`);
  }
}

function unknownKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  at: string,
  fail: (pointer: string, reason: string) => void,
  label?: string,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    const where = label ? ` in ${label}` : '';
    fail(
      `${at}/${escapePointer(key)}`,
      `unknown key ${JSON.stringify(key)}${where}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}; known keys: ${known.join(', ')}`,
    );
  }
}

function stringList(value: unknown, pointer: string, label: string, fail: (pointer: string, reason: string) => void, allowEmpty: boolean): void {
  if (!Array.isArray(value) || !value.every(nonEmptyString)) fail(pointer, `${JSON.stringify(label)} must be an array of non-empty strings`);
  else if (!allowEmpty && value.length === 0) fail(pointer, `${label} must list at least one entry (leave it out to include every operation)`);
  else {
    const dup = value.find((v, i) => value.indexOf(v) !== i);
    if (dup !== undefined) fail(pointer, `${label} lists ${JSON.stringify(dup)} twice`);
  }
}

/** Makes `inputs`, `out`, `refRoot` and every `spec` absolute, relative to the config file's folder. */
function absolutePaths(config: SvcGenConfig, dir: string): SvcGenConfig {
  const out: SvcGenConfig = { ...config };
  if (config.inputs) out.inputs = config.inputs.map((p) => path.resolve(dir, p));
  if (config.out !== undefined) out.out = path.resolve(dir, config.out);
  if (config.refRoot !== undefined) out.refRoot = path.resolve(dir, config.refRoot);
  if (config.services) {
    out.services = Object.fromEntries(Object.entries(config.services).map(([name, s]) => [name, { ...s, spec: path.resolve(dir, s.spec) }]));
  }
  return out;
}

function configError(file: string, location: InputProblem['location'], reason: string): SvcGenInputError {
  return new SvcGenInputError([{ code: 'SVCGEN_CONFIG', file, location, reason }]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `a value of type ${typeof v}`;
}

/** Levenshtein distance, for "did you mean" on short key names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
