/**
 * An isolated handlebars instance: `Handlebars.create()` (never the global), `noEscape` (this is
 * TypeScript, not HTML: escaping is the helpers' job) and `strict` (a missing model field is a bug).
 */
import Handlebars from 'handlebars';
import { jsdoc, json, jsonTable, prop, str } from './helpers.js';

/** Template sources by name (`client.ts.hbs` → `client`, `api.d.ts.hbs` → `api`). */
export type TemplateSources = Readonly<Record<'api' | 'client' | 'index' | 'contract' | 'testing' | 'defaults', string>>;

/** A compiled template: model in, text out. */
export type Template = (context: object) => string;

/** Compiles the templates on a fresh handlebars instance with only svc-gen's helpers. */
export function compileTemplates(sources: TemplateSources): Record<keyof TemplateSources, Template> {
  const hb = Handlebars.create();
  hb.registerHelper({ str, prop, jsdoc, json, jsonTable });
  const options = { noEscape: true, strict: true, knownHelpers: { str: true, prop: true, jsdoc: true, json: true, jsonTable: true }, knownHelpersOnly: true };
  return {
    api: hb.compile(sources.api, options),
    client: hb.compile(sources.client, options),
    index: hb.compile(sources.index, options),
    contract: hb.compile(sources.contract, options),
    testing: hb.compile(sources.testing, options),
    defaults: hb.compile(sources.defaults, options),
  };
}
