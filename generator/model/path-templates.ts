/**
 * Path templates against path parameters (OpenAPI 3.x Path Templating: every `{name}` in a path
 * must have a parameter `in: path` of that name, and every path parameter must appear in the path).
 * A mismatch makes a method that fails on every call (its placeholder is never filled, or the value
 * the caller gives goes nowhere), so it is refused at generation with the file and pointer.
 */
import type { InputProblem } from '../errors.js';
import { PATH_ITEM_METHODS } from '../util/http-methods.js';
import { escapePointer } from '../util/json-pointer.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

/** The runtime's placeholder syntax (wire-path.ts). */
const PLACEHOLDER = /\{([^{}]+)\}/g;

/** One problem per template name without a parameter and per path parameter without a template name. */
export function pathTemplateProblems(file: string, doc: Json): InputProblem[] {
  const problems: InputProblem[] = [];
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = deref(doc, item);
    if (!pathItem) continue;
    const names = path.includes('{') ? [...new Set([...path.matchAll(PLACEHOLDER)].map((m) => m[1] as string))] : [];
    const shared = pathParams(doc, pathItem['parameters'], undefined);
    for (const method of PATH_ITEM_METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const own = pathParams(doc, op['parameters'], method);
      if (own.length === 0 && shared.length === 0 && names.length === 0) continue;
      // An operation's parameter overrides the path item's of the same name and location.
      const params = new Map([...shared, ...own].map((p) => [p.name, p]));
      const at = () => `/paths/${escapePointer(path)}`;
      for (const name of names) {
        if (params.has(name)) continue;
        problems.push({
          code: 'SVCGEN_INVALID_SPEC',
          file,
          location: { pointer: `${at()}/${method}` },
          reason: `${method.toUpperCase()} ${path}: {${name}} in the path has no parameter with "in: path" and "name: ${name}"; every call would fail (add the parameter, or fix the template)`,
        });
      }
      for (const p of params.values()) {
        if (names.includes(p.name)) continue;
        problems.push({
          code: 'SVCGEN_INVALID_SPEC',
          file,
          location: { pointer: `${at()}${p.method === undefined ? '' : `/${p.method}`}/parameters/${p.index}` },
          reason: `${method.toUpperCase()} ${path}: path parameter ${JSON.stringify(p.name)} has no {${p.name}} in the path; its value would go nowhere (add it to the path, or make it another kind of parameter)`,
        });
      }
    }
  }
  return problems;
}

/** The `in: path` parameters of a parameter list, by name, with where each is (`method` undefined: the path item's). */
function pathParams(doc: Json, list: unknown, method: string | undefined): { name: string; method: string | undefined; index: number }[] {
  if (!Array.isArray(list)) return [];
  const out: { name: string; method: string | undefined; index: number }[] = [];
  list.forEach((raw, index) => {
    const p = deref(doc, raw);
    if (p && p['in'] === 'path' && typeof p['name'] === 'string') out.push({ name: p['name'], method, index });
  });
  return out;
}
