/**
 * Contracts straight from spec files, without generating anything (for `svc-gen fake`): discover →
 * load → validate → model → contract, the same stages `generate()` runs, minus types and render.
 */
import { discover } from '../load/discover.js';
import { type InputProblem, SvcGenInputError, isSvcGenInputError } from '../errors.js';
import { loadSpec } from '../load/load.js';
import { disambiguateOperationIds } from '../load/operation-ids.js';
import { serviceNames } from '../model/registry.js';
import { buildService } from '../model/service.js';
import { validateDocument } from '../model/validate.js';
import type { Contract } from '@svc-gen/runtime';
import { buildContract } from './contract.js';

/** Every service's contract under `inputs` (files or folders), sorted by service name. */
export async function contractsFromSpecs(inputs: readonly string[]): Promise<Contract[]> {
  const sources = discover(inputs);
  const problems: InputProblem[] = [];
  const loaded = [];
  for (const source of sources) {
    try {
      const spec = await loadSpec(source, { refRoot: undefined, allowShared: source.scanned });
      if ('shared' in spec) continue;
      const { document } = disambiguateOperationIds(spec.document);
      validateDocument(source.entry, document);
      loaded.push({ source, document });
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
