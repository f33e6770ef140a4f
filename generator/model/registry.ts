/**
 * Service names: `info.x-service-name` when present, else the file (or folder) name; the registry
 * key is its kebab-case form and the class its PascalCase form + `Service`. Two specs landing on
 * one key (or one class name) is an input error naming both files. The key is also the output
 * folder: kebab-case keeps it to `[a-z0-9-]` (no `.`, `/` or `\`, so it cannot leave `<out>`), and
 * names no platform can hold as a folder (Windows device names, over MAX_NAME characters) are refused.
 */
import { type InputProblem, SvcGenInputError } from '../errors.js';
import { kebabCase, pascalCase } from './names.js';
import { isObject } from './resolve.js';

/** What naming needs to know about one spec. */
export interface NamingInput {
  readonly file: string;
  readonly fallbackName: string;
  readonly document: Record<string, unknown>;
}

/** Longest service name (a folder name; file systems stop at 255 bytes, and paths get long). */
export const MAX_NAME = 100;

/** Names Windows reserves for devices: a folder cannot be called that on a Windows checkout. */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Returns each spec's registry key, in input order; throws on an empty or duplicate name. */
export function serviceNames(specs: readonly NamingInput[]): string[] {
  const problems: InputProblem[] = [];
  const byKey = new Map<string, string>();
  const byClass = new Map<string, string>();
  const names = specs.map((spec) => {
    const info = isObject(spec.document['info']) ? spec.document['info'] : {};
    const declared = info['x-service-name'];
    const usesDeclared = typeof declared === 'string' && declared.trim() !== '';
    const raw = usesDeclared ? declared : spec.fallbackName;
    const key = kebabCase(raw);
    const location = usesDeclared ? { pointer: '/info/x-service-name' } : {};
    if (key === '') {
      problems.push({
        code: 'SVCGEN_INVALID_SPEC',
        file: spec.file,
        location,
        reason: `cannot derive a service name from ${JSON.stringify(raw)}; set info.x-service-name`,
      });
      return key;
    }
    if (WINDOWS_DEVICES.test(key) || key.length > MAX_NAME) {
      const why = key.length > MAX_NAME ? `is longer than ${MAX_NAME} characters` : 'is a device name on Windows, so no folder can have it';
      problems.push({
        code: 'SVCGEN_UNSAFE_NAME',
        file: spec.file,
        location,
        reason: `service name ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)} ${why}; set info.x-service-name`,
      });
      return key;
    }
    const clash = byKey.get(key) ?? byClass.get(pascalCase(key));
    if (clash !== undefined) {
      problems.push({ code: 'SVCGEN_DUPLICATE_SERVICE', file: spec.file, location, reason: `service name "${key}" is also the name of ${clash}` });
    }
    byKey.set(key, spec.file);
    byClass.set(pascalCase(key), spec.file);
    return key;
  });
  if (problems.length > 0) throw new SvcGenInputError(problems);
  return names;
}
