/**
 * Where the runtime finds a service's contract: the generated `index.ts` registers a loader per
 * service (a dynamic import of `<service>/contract.js`), called only when validation or a fake needs it.
 */

import { type ContractSchemas, compileContract } from './compile.js';
import type { Contract } from './contract.js';

/** Loads one service's contract module. */
export type ContractLoader = () => Promise<{ contract: Contract } | Contract>;

const loaders = new Map<string, ContractLoader>();
const compiled = new Map<string, Promise<ContractSchemas>>();

/** Registers contract loaders by service name (called by the generated `index.ts`); later ones win. */
export function registerContracts(byService: Readonly<Record<string, ContractLoader>>): void {
  for (const [name, loader] of Object.entries(byService)) {
    loaders.set(name, loader);
    compiled.delete(name);
  }
}

/** The compiled contract of `service` (loads ajv and the contract once), or undefined when none is registered. */
export function contractSchemas(service: string, loader = loaders.get(service)): Promise<ContractSchemas> | undefined {
  if (!loader) return undefined;
  let entry = compiled.get(service);
  if (!entry || loader !== loaders.get(service)) {
    entry = loader().then((mod) => compileContract('contract' in mod ? mod.contract : mod));
    if (loader === loaders.get(service)) compiled.set(service, entry);
  }
  return entry;
}
