/**
 * Which inputs are specs. A directory contributes each `*.json|*.yaml|*.yml` directly inside it
 * (one service each) and each sub-folder holding an entry file `openapi.yaml|openapi.yml|openapi.json`
 * (one service spread over several files). A file given directly is one service, and so is a
 * directory given directly that itself holds an entry file (`svc-gen specs/order`).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, SvcGenInputError, type InputProblem } from './errors.js';
import { MANIFEST_FILE } from './options.js';

/** One service's spec: its entry file and the name to use when the spec has no `info.x-service-name`. */
export interface SpecSource {
  readonly entry: string;
  readonly fallbackName: string;
}

const SPEC_EXT = /\.(json|ya?ml)$/i;
/** Entry-file names for multi-file services, in order of preference. */
export const ENTRY_FILES = ['openapi.yaml', 'openapi.yml', 'openapi.json'] as const;

/** Lists the spec sources under `inputs`, sorted by entry path; throws when none exist. */
export function discover(inputs: readonly string[]): SpecSource[] {
  const found = new Map<string, SpecSource>();
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      problems.push({ code: 'SVCGEN_PATH_NOT_FOUND', file: input, location: {}, reason: 'no such file or directory' });
      continue;
    }
    const sources = !stat.isDirectory() ? [fileSource(input)] : (folderSource(input) ?? scanDirectory(input));
    for (const s of sources) found.set(s.entry, s);
  }
  if (problems.length > 0) throw new SvcGenInputError(problems);
  if (found.size === 0) {
    throw inputError('SVCGEN_NO_SPECS', inputs.join(', '), 'no spec found (expected *.json, *.yaml or *.yml files, or folders with an openapi.yaml entry)');
  }
  return [...found.values()].sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}

function fileSource(file: string): SpecSource {
  return { entry: file, fallbackName: path.basename(file).replace(SPEC_EXT, '') };
}

/** The multi-file service in `dir`, when it has an entry file. */
function folderSource(dir: string): SpecSource[] | undefined {
  const names = new Set(readdirSync(dir));
  const main = ENTRY_FILES.find((n) => names.has(n));
  return main ? [{ entry: path.join(dir, main), fallbackName: path.basename(dir) }] : undefined;
}

function scanDirectory(dir: string): SpecSource[] {
  const out: SpecSource[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && SPEC_EXT.test(entry.name) && entry.name !== MANIFEST_FILE) {
      out.push(fileSource(full));
    } else if (entry.isDirectory()) {
      out.push(...(folderSource(full) ?? []));
    }
  }
  return out;
}
