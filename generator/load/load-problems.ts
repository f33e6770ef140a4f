/**
 * Redocly bundle problems → svc-gen input problems with file, line/column and pointer.
 */
import { getLineColLocation, type NormalizedProblem } from '@redocly/openapi-core';
import type { InputProblem, SourceLocation } from '../errors.js';

/**
 * Keeps error-severity problems. `linesInEntry` is false when the entry's text was replaced
 * (a converted Swagger document), so its line numbers would be meaningless.
 */
export function bundleProblems(entry: string, problems: readonly NormalizedProblem[], linesInEntry: boolean): InputProblem[] {
  const out: InputProblem[] = [];
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const loc = p.location[0];
    const file = loc?.source.absoluteRef ?? entry;
    const location: SourceLocation = {};
    if (loc && (file !== entry || linesInEntry)) {
      try {
        const { start } = getLineColLocation(loc);
        location.line = start.line;
        location.column = start.col;
      } catch {
        // Location lookup is best effort; the pointer below still says where.
      }
    }
    if (loc?.pointer !== undefined) location.pointer = loc.pointer.replace(/^#/, '');
    const unresolved = p.message.startsWith("Can't resolve $ref");
    out.push({ code: unresolved ? 'SVCGEN_UNRESOLVED_REF' : 'SVCGEN_INVALID_SPEC', file, location, reason: p.message });
  }
  return out;
}
