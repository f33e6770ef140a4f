/**
 * The only module that loads a schema compiler: ajv (draft 2020-12) and ajv-formats, imported on
 * first use, so a process that never switches validation on never loads them. Each schema is
 * compiled once, on the first request or response that needs it, and cached with its contract.
 */
import type { Contract } from './contract.js';

/** The part of ajv's error objects we report. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** A compiled check: true, or false with `errors` set (ajv's calling convention). */
export type SchemaCheck = ((data: unknown) => boolean) & { errors?: readonly SchemaError[] | null };

interface AjvLike {
  addSchema(schema: object, key?: string): unknown;
  getSchema(keyRef: string): SchemaCheck | undefined;
  addFormat(name: string, format: true): unknown;
  readonly formats: { readonly [name: string]: unknown };
}

type AddFormats = (ajv: AjvLike) => unknown;

/** Compiles schemas of one contract by JSON pointer into it: `#/operations/getUser/…/schema`. */
export interface ContractSchemas {
  readonly contract: Contract;
  check(pointer: string): SchemaCheck;
}

interface Compiler {
  readonly Ajv: new (options: object) => AjvLike;
  /** ajv-formats' plugin; undefined when it is not installed (formats are then not checked). */
  readonly addFormats: AddFormats | undefined;
}

let compiler: Promise<Compiler> | undefined;

/** The default export of a CommonJS module seen through ESM (and again on `.default`). */
function defaultOf<T>(mod: unknown): T {
  const d = (mod as { default: { default?: unknown } }).default;
  return (d.default ?? d) as T;
}

async function loadCompiler(): Promise<Compiler> {
  const Ajv = defaultOf<Compiler['Ajv']>(await import('ajv/dist/2020.js'));
  let addFormats: AddFormats | undefined;
  try {
    addFormats = defaultOf<AddFormats>(await import('ajv-formats'));
  } catch {
    console.warn('svc-gen: ajv-formats is not installed, so `format` keywords (date-time, email, uuid…) are not checked: npm install ajv-formats.');
  }
  return { Ajv, addFormats };
}

/** Every `format` value used in `schema` (a contract), for formats ajv-formats does not know. */
function formatsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) formatsIn(v, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'format' && typeof v === 'string') into.add(v);
      else formatsIn(v, into);
    }
  }
  return into;
}

/** Loads ajv and ajv-formats (once per process) and prepares `contract`; schemas compile on first `check()`. */
export async function compileContract(contract: Contract): Promise<ContractSchemas> {
  compiler ??= loadCompiler();
  const { Ajv, addFormats } = await compiler;
  // strict off: OpenAPI schemas carry keywords of their own (discriminator, xml, readOnly…).
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: addFormats !== undefined });
  const schema = { $id: `svc-gen-contract:${contract.service}`, components: contract.components, operations: contract.operations };
  if (addFormats) {
    // ajv-formats' formats (date-time, email, uuid, uri, ipv4…, and OpenAPI's int32, int64, byte…)
    // are checked in full; a format it does not know (a spec's own, `phone`) is accepted as it is.
    addFormats(ajv);
    for (const name of formatsIn(schema, new Set())) if (!(name in ajv.formats)) ajv.addFormat(name, true);
  }
  const id = schema.$id;
  ajv.addSchema(schema);
  const cache = new Map<string, SchemaCheck>();
  return {
    contract,
    check(pointer) {
      let fn = cache.get(pointer);
      if (!fn) {
        fn = ajv.getSchema(`${id}${pointer}`);
        if (!fn) throw new Error(`svc-gen: no schema at ${pointer} in the contract of ${contract.service}`);
        cache.set(pointer, fn);
      }
      return fn;
    },
  };
}

/** Escapes one JSON pointer segment. */
export function segment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
