/**
 * Contracts straight from spec files, without generating anything (for `svc-gen fake`): discover →
 * load → validate → model → contract, the same stages `generate()` runs, minus types and render.
 */

import type { Contract } from '@svc-gen/runtime';
import { type InputProblem, isSvcGenInputError, SvcGenInputError } from '../errors.js';
import { discover } from '../load/discover.js';
import { checkOne } from '../load/prepare.js';
import { serviceNames } from '../model/registry.js';
import { buildService } from '../model/service.js';
import { buildContract } from './contract.js';

/** Every service's contract under `inputs` (files or folders), sorted by service name. */
export async function contractsFromSpecs(inputs: readonly string[]): Promise<Contract[]> {
  const sources = discover(inputs);
  const problems: InputProblem[] = [];
  const loaded = [];
  for (const source of sources) {
    try {
      const checked = await checkOne({ ...source, name: undefined, operationIds: undefined }, undefined);
      if ('shared' in checked) continue;
      loaded.push({ source, document: checked.document });
    } catch (e) {
      if (!isSvcGenInputError(e)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  const names = serviceNames(loaded.map((l) => ({ file: l.source.entry, fallbackName: l.source.fallbackName, document: l.document })));
  return loaded
    .map((l, i) => buildContract(l.document, buildService(l.document, names[i] ?? '')))
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
