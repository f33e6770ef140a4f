/**
 * Spec text → plain object, with syntax errors located by line and column.
 * `.json` files are read as JSON (fast on big specs), falling back to YAML because real specs
 * include `.json` files that are only valid YAML; that fallback is reported as a warning.
 */
import { parseDocument } from 'yaml';
import { inputError } from './errors.js';

/** A parsed spec file. */
export interface ParsedText {
  readonly value: unknown;
  readonly warnings: readonly string[];
}

/** Parses `text` (from `file`) as JSON or YAML; throws `SVCGEN_SYNTAX` with line/column. */
export function parseSpecText(file: string, text: string): ParsedText {
  if (/\.json$/i.test(file)) {
    try {
      return { value: JSON.parse(text), warnings: [] };
    } catch (jsonError) {
      try {
        const value = parseYaml(file, text);
        return { value, warnings: [`${file}: not valid JSON (${(jsonError as Error).message}); read as YAML`] };
      } catch {
        throw inputError('SVCGEN_SYNTAX', file, `invalid JSON: ${jsonReason(jsonError)}`, jsonLocation(text, jsonError));
      }
    }
  }
  return { value: parseYaml(file, text), warnings: [] };
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const location = pos ? { line: pos.line, column: pos.col } : {};
    const reason = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
    throw inputError('SVCGEN_SYNTAX', file, `invalid YAML: ${reason}`, location);
  }
  // maxAliasCount guards against alias bombs ("billion laughs") in untrusted specs.
  return doc.toJS({ maxAliasCount: 1000 });
}

function jsonReason(e: unknown): string {
  return String((e as Error).message).replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** V8 reports `at position N`; turn that into a 1-based line and column. */
function jsonLocation(text: string, e: unknown): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(String((e as Error).message));
  const offset = m ? Number(m[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
