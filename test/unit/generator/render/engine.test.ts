/** The template engine (render/engine.ts): an isolated handlebars, no HTML escaping, strict fields, only svc-gen's helpers. */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplates, type TemplateSources } from '../../../../generator/render/engine.js';

const sources = (defaults: string): TemplateSources => ({ api: 'api', client: 'client', index: 'index', contract: 'contract', testing: 'testing', defaults });

describe('compileTemplates', () => {
  it('compiles every template by name', () => {
    const t = compileTemplates({ api: 'A{{x}}', client: 'C{{x}}', index: 'I{{x}}', contract: 'K{{x}}', testing: 'T{{x}}', defaults: 'D{{x}}' });
    expect([t.api, t.client, t.index, t.contract, t.testing, t.defaults].map((f) => f({ x: 1 }))).toEqual(['A1', 'C1', 'I1', 'K1', 'T1', 'D1']);
  });

  it('does not HTML-escape: escaping is the helpers’ job', () => {
    expect(compileTemplates(sources('{{x}}')).defaults({ x: `<a href="x">&'` })).toBe(`<a href="x">&'`);
  });

  it('svc-gen helpers are registered: str escapes for a JS string literal', () => {
    expect(compileTemplates(sources('{{str x}}')).defaults({ x: "it's" })).toBe("'it\\'s'");
  });

  it('a missing model field is an error, not an empty string', () => {
    expect(() => compileTemplates(sources('{{missing}}')).defaults({})).toThrow(/"missing" not defined/);
  });

  it('an unknown helper is refused when compiled', () => {
    expect(() => compileTemplates(sources('{{shout x}}')).defaults({ x: 1 })).toThrow();
  });

  it('leaves the global handlebars instance alone', () => {
    compileTemplates(sources('x'));
    expect(Handlebars.helpers['str']).toBeUndefined();
  });
});
