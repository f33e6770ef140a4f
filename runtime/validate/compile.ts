/**
 * The only module that loads a schema compiler: ajv (draft 2020-12), imported on first use, so
 * a process that never switches validation on never loads it. Each schema is compiled once, on the
 * first request or response that needs it, and cached with its contract.
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
}

/** Compiles schemas of one contract by JSON pointer into it: `#/operations/getUser/…/schema`. */
export interface ContractSchemas {
  readonly contract: Contract;
  check(pointer: string): SchemaCheck;
}

let ajvClass: Promise<new (options: object) => AjvLike> | undefined;

async function loadAjv(): Promise<new (options: object) => AjvLike> {
  // ajv is CommonJS: its class is the default export of the ESM wrapper (and again on `.default`).
  const mod = (await import('ajv/dist/2020.js')) as unknown as { default: { default?: unknown } };
  return (mod.default.default ?? mod.default) as new (
    options: object,
  ) => AjvLike;
}

/** Loads ajv (once per process) and prepares `contract`; schemas compile on first `check()`. */
export async function compileContract(contract: Contract): Promise<ContractSchemas> {
  ajvClass ??= loadAjv();
  const Ajv = await ajvClass;
  // strict off: OpenAPI schemas carry keywords of their own (discriminator, xml, readOnly…).
  // Formats are not checked (ajv-formats would add a dependency); types, required, enums… are.
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const id = `svc-gen-contract:${contract.service}`;
  ajv.addSchema({ $id: id, components: contract.components, operations: contract.operations });
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
