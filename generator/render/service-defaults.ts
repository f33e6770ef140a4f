/**
 * `<out>/defaults.ts`: the per-service runtime defaults from the config (`retryCount`, `timeout`)
 * as one typed object. Generated code never applies them by itself (the runtime's `configure()`
 * replaces the whole configuration, so silently merged defaults would be lost or fight the
 * user's); the user spreads them in. Pure: options and template in, file out (templates/defaults.ts.hbs).
 */
import type { ResolvedService } from '../config/options.js';
import { compileTemplates, type TemplateSources } from './engine.js';
import type { VirtualFile } from './render.js';

/** The defaults file, or undefined when no generated service sets a default. */
export function serviceDefaultsFile(
  path: string,
  services: readonly ResolvedService[],
  generated: ReadonlySet<string>,
  runtimeModule: string,
  templates: TemplateSources,
): VirtualFile | undefined {
  const entries = services
    .filter((s) => generated.has(s.name) && (s.retryCount !== undefined || s.timeout !== undefined))
    .map((s) => ({
      name: s.name,
      // Numbers from the validated config; `key` is one of these two names. Fields, not flags: `0` is a value.
      fields: [
        ...(s.retryCount !== undefined ? [{ key: 'retryCount', number: s.retryCount }] : []),
        ...(s.timeout !== undefined ? [{ key: 'timeout', number: s.timeout }] : []),
      ],
    }));
  if (entries.length === 0) return undefined;
  return { path, contents: compileTemplates(templates).defaults({ runtimeModule, services: entries }) };
}
