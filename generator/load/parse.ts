/**
 * Spec text → plain object, with syntax errors located by line and column.
 * `.json` files are read as JSON (fast on big specs), falling back to YAML because real specs
 * include `.json` files that are only valid YAML; that fallback is reported as a warning.
 *
 * Specs are untrusted input, so two resource limits are enforced while reading, before anything
 * downstream (the YAML composer, the bundler, openapi-typescript, TypeScript's printer) recurses
 * over the value: nesting depth (`MAX_DEPTH`) and YAML alias expansion ("billion laughs").
 * `__proto__` and `<<` keys are plain own keys: JSON.parse and yaml's `toJS` define them as data
 * properties, and YAML merge keys are off (YAML 1.2), so no key can change a prototype.
 *
 * YAML is read as strict YAML 1.2, except for what js-yaml and `yaml`'s non-strict mode (the parsers
 * OpenAPI tools use) accept and real specs contain (lenient-yaml.ts); each such place is a warning
 * with its file and line. Duplicate keys stay errors, and the limits hold for the text as read.
 */
import { Composer, type CST, type Document, LineCounter, Parser } from 'yaml';
import { inputError } from '../errors.js';
import { repairQuotedIndent } from './lenient-yaml.js';

/** A parsed spec file. */
export interface ParsedText {
  readonly value: unknown;
  readonly warnings: readonly string[];
  /** The value came from JSON.parse, so no node in it has two parents (YAML aliases can share one). */
  readonly tree: boolean;
}

/**
 * Deepest nesting of objects and arrays svc-gen reads. Real specs stay far below (the GitHub REST
 * API spec: ~30); everything downstream recurses, and 10,000 levels would overflow its stack.
 */
export const MAX_DEPTH = 256;

/** yaml's `maxAliasCount`: how much alias expansion a document may use before it is refused. */
const MAX_ALIAS_COUNT = 1000;

/** Parses `text` (from `file`) as JSON or YAML; throws `SVCGEN_SYNTAX` with line/column, or `SVCGEN_RESOURCE_LIMIT`. */
export function parseSpecText(file: string, text: string): ParsedText {
  if (/\.json$/i.test(file)) {
    let value: unknown;
    try {
      // V8's JSON.parse does not recurse, so it is safe at any depth; the depth check follows.
      value = JSON.parse(text);
    } catch (jsonError) {
      let yaml: ParsedText;
      try {
        yaml = parseYaml(file, text);
      } catch (yamlError) {
        if ((yamlError as { code?: string }).code === 'SVCGEN_RESOURCE_LIMIT') throw yamlError;
        throw inputError('SVCGEN_SYNTAX', file, `invalid JSON: ${jsonReason(jsonError)}`, jsonLocation(text, jsonError));
      }
      return { value: yaml.value, warnings: [`${file}: not valid JSON (${jsonReason(jsonError)}); read as YAML`, ...yaml.warnings], tree: false };
    }
    // Valid JSON nests exactly as deep as its brackets outside strings: one scan of the text
    // (about 30 ms on 13 MB), not a walk of the parsed value (about ten times that).
    const deep = jsonDepthOffset(text);
    if (deep < text.length) throw tooDeep(file, lineColumn(text, deep));
    return { value, warnings: [], tree: true };
  }
  return parseYaml(file, text);
}

/**
 * Strings with short-indented continuation lines repaired in one file, at most: each repair parses
 * the file again, so the count is also bounded by ~64 MiB of text re-read (a 1 MiB spec: 64 repairs).
 */
const MAX_REPAIRS = 200;
const REPAIR_BUDGET_CHARS = 64 * 1024 * 1024;

function parseYaml(file: string, original: string): ParsedText {
  const warnings: string[] = [];
  let text = original;
  let lines: LineCounter;
  let tokens: CST.Token[];
  let docs: Document.Parsed[];
  for (let repairs = 0; ; repairs++) {
    lines = new LineCounter();
    tokens = [...new Parser(lines.addNewLine).parse(text)];
    // yaml's composer recurses per level: measure the syntax tree (iteratively) before composing it.
    const deep = cstDepthOffset(tokens);
    if (deep !== undefined) throw tooDeep(file, position(lines, deep));
    docs = [...new Composer({ uniqueKeys: true, strict: true }).compose(tokens, true, text.length)];
    const error = docs[0]?.errors[0];
    if (error === undefined) break;
    const repair = repairs < Math.min(MAX_REPAIRS, REPAIR_BUDGET_CHARS / Math.max(1, text.length)) ? repairQuotedIndent(text, tokens) : undefined;
    if (repair === undefined) {
      // What only strict mode refuses (a comment right after a quote) is read as non-strict mode reads it.
      const lenient = [...new Composer({ uniqueKeys: true, strict: false }).compose(tokens, true, text.length)];
      if (lenient[0] !== undefined && lenient[0].errors.length === 0 && lenient.length === docs.length) {
        for (const e of docs[0]?.errors ?? []) {
          const at = position(lines, e.pos[0]);
          warnings.push(`${file}:${at.line}:${at.column}: ${firstLine(e.message)} (strict YAML 1.2); read as js-yaml and other OpenAPI tools read it`);
        }
        docs = lenient;
        break;
      }
      // The error that stays in lenient mode is the one to report (not a lenient one before it).
      const real = lenient[0]?.errors[0] ?? error;
      throw inputError('SVCGEN_SYNTAX', file, `invalid YAML: ${firstLine(real.message)}`, position(lines, real.pos[0]));
    }
    warnings.push(
      `${file}:${repair.line}: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it`,
    );
    text = repair.text;
  }
  const doc = docs[0];
  const second = docs[1];
  if (!doc || second) {
    throw inputError(
      'SVCGEN_SYNTAX',
      file,
      'invalid YAML: a spec is one document, this file holds several (---)',
      second ? position(lines, second.range[0]) : {},
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws a ReferenceError when aliases expand too much ("billion laughs").
    throw inputError('SVCGEN_RESOURCE_LIMIT', file, `YAML aliases expand too much (${(e as Error).message}); refusing to build the document`);
  }
  // Aliases can nest anchors inside anchors: measure the built value too.
  if (height(value) > MAX_DEPTH) throw tooDeep(file, {});
  return { value, warnings, tree: false };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function tooDeep(file: string, location: { line?: number; column?: number }) {
  return inputError('SVCGEN_RESOURCE_LIMIT', file, `nested deeper than ${MAX_DEPTH} levels; refusing to read it`, location);
}

function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Offset of the first YAML collection nested deeper than MAX_DEPTH, or undefined. Iterative. */
function cstDepthOffset(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * Levels of nested objects/arrays in `value` (a scalar is 0), stopping early past MAX_DEPTH.
 * Iterative, and linear even on the shared nodes YAML aliases make; a cycle adds no height.
 */
export function height(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const memo = new Map<object, number>();
  const open = new Set<object>();
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack[stack.length - 1] as object;
    const children = Object.values(node).filter((v): v is object => typeof v === 'object' && v !== null && !open.has(v));
    if (!open.has(node)) {
      open.add(node);
      for (const c of children) if (!memo.has(c)) stack.push(c);
      continue;
    }
    stack.pop();
    open.delete(node);
    const h = 1 + children.reduce((max, c) => Math.max(max, memo.get(c) ?? 0), 0);
    if (h > MAX_DEPTH) return h;
    memo.set(node, h);
  }
  return memo.get(value) ?? 0;
}

/** Offset in JSON text where nesting first passes MAX_DEPTH (string-aware); `text.length` when it never does. */
function jsonDepthOffset(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return text.length;
}

/** V8's message on one line (Node 20 quotes the text, line breaks and all), without its own location. */
function jsonReason(e: unknown): string {
  return String((e as Error).message)
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/\s+/g, ' ');
}

/** V8 reports `at position N`; turn that into a 1-based line and column. */
function jsonLocation(text: string, e: unknown): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(String((e as Error).message));
  return lineColumn(text, m ? Number(m[1]) : text.length);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
