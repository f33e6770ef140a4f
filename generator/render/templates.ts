/**
 * Reads the handlebars templates from the package's top-level `templates/` folder (data, not code).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-info.js';
import type { TemplateSources } from './engine.js';

/** The template sources render needs. */
export function loadTemplates(): TemplateSources {
  const dir = path.join(packageRoot(), 'templates');
  return {
    api: readFileSync(path.join(dir, 'api.d.ts.hbs'), 'utf8'),
    client: readFileSync(path.join(dir, 'client.ts.hbs'), 'utf8'),
    index: readFileSync(path.join(dir, 'index.ts.hbs'), 'utf8'),
    contract: readFileSync(path.join(dir, 'contract.ts.hbs'), 'utf8'),
    testing: readFileSync(path.join(dir, 'testing.ts.hbs'), 'utf8'),
    defaults: readFileSync(path.join(dir, 'defaults.ts.hbs'), 'utf8'),
  };
}
