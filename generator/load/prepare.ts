/**
 * One service's spec, start to typed: load (parse, convert, bundle) → select → rename duplicate
 * operationIds → validate → openapi-typescript. Services are independent, so this runs the same in
 * the main thread and in a worker (workers/pool.ts); its result is plain data that crosses threads.
 */
import { performance } from 'node:perf_hooks';
import { type Validated, validateDocument } from '../model/validate.js';
import { typesSource } from '../types/emit-types.js';
import type { SpecSource } from './discover.js';
import type { OpenAPIDocument } from './document.js';
import { type LoadedSpec, loadSurveyed, type SharedFile } from './load.js';
import { disambiguateOperationIds } from './operation-ids.js';
import { selectOperations } from './select.js';
import { type Survey, surveyDocument } from './survey.js';

/** One service's spec source: discovered, or named in `services` (then `name` and `operationIds` come from there). */
export interface Source extends SpecSource {
  readonly name: string | undefined;
  readonly operationIds: readonly string[] | undefined;
}

/** A service loaded, selected, validated and typed. */
export interface Prepared {
  readonly loaded: LoadedSpec;
  /** The document openapi-typescript and the model see: selected, with duplicate operationIds renamed. */
  readonly document: OpenAPIDocument;
  /** Warnings of the loading (lenient YAML) and of the renames. */
  readonly warnings: readonly string[];
  readonly typesSource: string;
  readonly ms: number;
}

/** A service loaded, selected, with duplicate operationIds renamed, and validated: what the model may read. */
export type Checked = Pick<Prepared, 'loaded' | 'document' | 'warnings'>;

/**
 * load → select → rename duplicate operationIds → validate: the one way a spec becomes a document
 * the model reads (generate() through prepareOne, `svc-gen fake` and `svc-gen diff`). A scanned
 * shared file comes back as such. Throws `SvcGenInputError` for bad input.
 */
export async function checkOne(source: Source, refRoot: string | undefined): Promise<Checked | SharedFile> {
  const result = await checkSurveyed(source, refRoot);
  return 'shared' in result ? result : result.checked;
}

/** `checkOne`, with the survey of the checked document (for the types step; it stays in this thread). */
async function checkSurveyed(source: Source, refRoot: string | undefined): Promise<{ checked: Checked; survey: Survey; validated: Validated } | SharedFile> {
  const result = await loadSurveyed(source, { refRoot, allowShared: source.scanned });
  if ('shared' in result) return result;
  const { loaded } = result;
  const selected = source.operationIds ? selectOperations(loaded.document, source.operationIds, source.entry, source.name ?? '') : loaded.document;
  const renamed = disambiguateOperationIds(selected);
  // Selecting and renaming copy what they change: a changed document is surveyed again.
  const survey = renamed.document === loaded.document ? result.survey : surveyDocument(renamed.document, { tree: result.survey.tree });
  const validated = validateDocument(source.entry, renamed.document, survey);
  return { checked: { loaded, document: renamed.document, warnings: [...loaded.warnings, ...renamed.warnings] }, survey, validated };
}

/** Prepares one source (checkOne, then openapi-typescript); a scanned shared file comes back as such. */
export async function prepareOne(source: Source, refRoot: string | undefined): Promise<Prepared | SharedFile> {
  const started = performance.now();
  const result = await checkSurveyed(source, refRoot);
  if ('shared' in result) return result;
  const types = await typesSource(source.entry, result.checked.document, result.survey, result.validated.lazyArrays);
  return { ...result.checked, typesSource: types, ms: performance.now() - started };
}
