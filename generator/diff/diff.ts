/**
 * `svc-gen diff`'s library entry: two sides → the report. Services are paired by name; when each
 * side holds exactly one spec they are paired whatever their names (two versions of one file).
 */

import type { Change, DiffReport, RawChange } from './change-types.js';
import { compareDocuments } from './compare-documents.js';
import { levelOf } from './rules.js';
import { loadSide, type Side } from './sides.js';

type Json = Record<string, unknown>;

/** Every change between two sets of services, each reported once. */
export function diffServices(oldServices: ReadonlyMap<string, Json>, newServices: ReadonlyMap<string, Json>): RawChange[] {
  return unique(allChanges(oldServices, newServices));
}

/**
 * Drops repeats of a change identical in every field. One schema reached along two routes (e.g. the
 * same `$ref` under two `oneOf` branches, as Figma's spec does) yields the same change twice, and
 * listing it twice would read as two breakages.
 */
function unique(changes: readonly RawChange[]): RawChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify([c.service, c.kind, c.operation, c.pointer.old, c.pointer.new, c.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function allChanges(oldServices: ReadonlyMap<string, Json>, newServices: ReadonlyMap<string, Json>): RawChange[] {
  const out: RawChange[] = [];
  if (oldServices.size === 1 && newServices.size === 1) {
    const [oldDoc] = [...oldServices.values()];
    const [[name, newDoc]] = [...newServices] as [[string, Json]];
    if (oldDoc) return compareDocuments(name, oldDoc, newDoc);
  }
  for (const [name, oldDoc] of oldServices) {
    const newDoc = newServices.get(name);
    if (newDoc) out.push(...compareDocuments(name, oldDoc, newDoc));
    else
      out.push({
        kind: 'service-removed',
        operation: null,
        pointer: { old: '', new: null },
        message: `service ${name} removed: its client is gone`,
        service: name,
      });
  }
  for (const name of newServices.keys()) {
    if (!oldServices.has(name))
      out.push({ kind: 'service-added', operation: null, pointer: { old: null, new: '' }, message: `new service ${name}`, service: name });
  }
  return out;
}

/** Groups changes by the level the rules table gives their kind. */
export function classify(changes: readonly Change[]): DiffReport {
  const report = { breaking: [] as Change[], nonBreaking: [] as Change[], warnings: [] as Change[] };
  for (const c of changes) {
    const level = levelOf(c.kind);
    (level === 'breaking' ? report.breaking : level === 'nonBreaking' ? report.nonBreaking : report.warnings).push(c);
  }
  return report;
}

/** Both sides loaded, and their report; call `cleanup()` when done with the sides. */
export interface DiffRun {
  readonly old: Side;
  readonly new: Side;
  readonly changes: readonly RawChange[];
  readonly cleanup: () => void;
}

/** Loads `oldArg` and `newArg` (relative to `cwd`) and compares them. */
export async function diffSides(oldArg: string, newArg: string, cwd: string): Promise<DiffRun> {
  const oldSide = await loadSide(oldArg, cwd);
  let newSide: Side;
  try {
    newSide = await loadSide(newArg, cwd);
  } catch (e) {
    oldSide.cleanup();
    throw e;
  }
  const cleanup = () => {
    oldSide.cleanup();
    newSide.cleanup();
  };
  return { old: oldSide, new: newSide, changes: diffServices(oldSide.services, newSide.services), cleanup };
}
