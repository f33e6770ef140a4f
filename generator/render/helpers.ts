/**
 * The only helpers templates get: one per place spec text can land. Each is pure and total.
 * Templates never print a raw spec string without one of these (model names are already safe
 * identifiers, and model type expressions are built from escaped parts).
 */
import { commentLines, jsString, propertyKey } from '../model/escape.js';

/** `{{str value}}`: a single-quoted string literal. */
export function str(value: unknown): string {
  return jsString(String(value));
}

/** `{{prop value}}`: an object-literal / interface property key. */
export function prop(value: unknown): string {
  return propertyKey(String(value));
}

/**
 * `{{jsdoc paragraphs tags indent}}`: a whole JSDoc block (ending in a newline), or nothing when
 * there is nothing to say. Paragraphs are raw spec text; tags are model-made (`@deprecated`).
 */
export function jsdoc(paragraphs: unknown, tags: unknown, indent: unknown): string {
  const pad = typeof indent === 'string' ? indent : '';
  const lines: string[] = [];
  for (const p of asStrings(paragraphs)) {
    if (lines.length > 0) lines.push('');
    lines.push(...commentLines(p));
  }
  for (const t of asStrings(tags)) {
    if (!/^@[a-z]+( [A-Za-z0-9 ]*)?$/.test(t)) throw new Error(`internal: unexpected JSDoc tag ${JSON.stringify(t)}`);
    lines.push(t);
  }
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${pad}/** ${lines[0]} */\n`;
  return `${pad}/**\n${lines.map((l) => (l === '' ? `${pad} *` : `${pad} * ${l}`)).join('\n')}\n${pad} */\n`;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/**
 * `{{json value}}`: an expression for the value, `JSON.parse("…")` over its JSON text in one string
 * literal. A string rather than an object literal because tsc checks a literal property by property
 * (the GitHub contract, 11 MB, doubled the type-check time of every consumer that imports the
 * clients) while a string costs it nothing; V8 also parses JSON text faster than a literal. Not a
 * template literal: generated code holds none a spec could write into. The JSON text is quoted by
 * JSON.stringify (quotes, backslashes, control characters); `<`, U+2028 and U+2029 are escaped too
 * so no `</script` or line separator reaches the output from spec text.
 */
export function json(value: unknown): string {
  const literal = JSON.stringify(JSON.stringify(value) ?? 'null');
  return `JSON.parse(${literal.replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)})`;
}

/**
 * `{{jsonTable value}}`: like `json`, for an object shown one entry a line: `JSON.parse('{\` then each
 * top-level entry's JSON text on its own line, each line ended by a line continuation (a backslash
 * before the line break, which the string does not contain). Each line is escaped as `str` escapes
 * text, so quotes, backslashes, `<`, U+2028 and U+2029 from spec text cannot end the string.
 */
export function jsonTable(value: unknown): string {
  const entries = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  const lines = ['{', ...entries.map(([k, v], i) => `${JSON.stringify(k)}:${JSON.stringify(v)}${i < entries.length - 1 ? ',' : ''}`), '}'];
  return `JSON.parse('${lines.map((l) => jsString(l).slice(1, -1)).join('\\\n')}')`;
}
