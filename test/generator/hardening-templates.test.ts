/**
 * The templates cannot print raw spec text: no triple-stash anywhere, every helper call is one of
 * the escaping helpers, and every bare `{{field}}` is a field the model makes safe by construction
 * (an identifier, or a type built from escaped parts). Handlebars is at a version with its
 * 2025–26 advisories fixed (4.7.9+) and compiles with `strict` and known helpers only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplates } from '../../generator/render/engine.js';
import { ROOT } from './helpers/processes.js';

const TEMPLATES = path.join(ROOT, 'templates');
const files = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.hbs'))
  .sort();

/** Fields printed bare: identifiers (names), model-built type expressions and config-validated numbers, never raw spec text. */
const SAFE_BARE = new Set([
  'methodName',
  'typeName',
  'className',
  'service.className',
  '@root.service.className',
  'exportName',
  'key',
  'type',
  'successType',
  'errorType',
  'statusType',
  'dataType',
  'headersType',
  'errorStatuses',
  'media',
  'number',
]);
const HELPERS = new Set(['str', 'prop', 'jsdoc', 'json', 'jsonTable']);
const BLOCKS = new Set(['if', 'unless', 'each']);

/** Every mustache and block in a template, as `kind name` strings for the ones that break a rule. */
function violations(source: string): string[] {
  const found: string[] = [];
  const visit = (node: hbs.AST.Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const s of (node as hbs.AST.Program).body) visit(s);
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        const name = (m.path as hbs.AST.PathExpression).original;
        if (!m.escaped) found.push(`triple-stash ${name}`);
        if (m.params.length > 0 ? !HELPERS.has(name) : !SAFE_BARE.has(name)) found.push(`unsafe {{${name}${m.params.length > 0 ? ' …' : ''}}}`);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCKS.has(name)) found.push(`block {{#${name}}}`);
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      default:
        found.push(node.type); // partials, decorators, raw blocks: none are used
    }
  };
  visit(Handlebars.parse(source));
  return found;
}

describe('templates', () => {
  it('there are templates to check', () =>
    expect(files).toEqual(['api.d.ts.hbs', 'client.ts.hbs', 'contract.ts.hbs', 'defaults.ts.hbs', 'index.ts.hbs', 'testing.ts.hbs']));

  it.each(files)('%s: no triple-stash, only escaping helpers, bare fields safe by construction', (file) => {
    const source = readFileSync(path.join(TEMPLATES, file), 'utf8');
    expect(source).not.toMatch(/\{\{\{|\{\{~?\s*&/);
    expect(violations(source)).toEqual([]);
  });

  it('the check catches what it forbids', () => {
    expect(violations('{{{ raw }}} {{& amp}} {{path}} {{lookup x}} {{> partial}} {{#with a}}{{/with}} {{str ok}} {{methodName}}')).toEqual([
      'triple-stash raw',
      'unsafe {{raw}}',
      'triple-stash amp',
      'unsafe {{amp}}',
      'unsafe {{path}}',
      'unsafe {{lookup …}}',
      'PartialStatement',
      'block {{#with}}',
    ]);
  });
});

describe('handlebars', () => {
  const atLeast = (version: string, min: readonly number[]): boolean => {
    const v = version.split('.').map(Number);
    for (const [i, m] of min.entries()) if ((v[i] ?? 0) !== m) return (v[i] ?? 0) > m;
    return true;
  };

  it('is 4.7.9 or later (installed, declared and locked): its 2025–26 advisories are fixed there', () => {
    const installed = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/handlebars/package.json'), 'utf8')) as { version: string }).version;
    const declared =
      (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['handlebars'] ?? '';
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(atLeast(installed, [4, 7, 9])).toBe(true);
    expect(declared).toMatch(/^\d+\.\d+\.\d+$/); // pinned
    expect(atLeast(declared, [4, 7, 9])).toBe(true);
    expect(lock.packages['node_modules/handlebars']?.version).toBe(installed);
    expect(Handlebars.VERSION).toBe(installed);
  });

  it('compiles with known helpers only: an unknown helper is refused', () => {
    const t = compileTemplates({ client: '{{evil methodName}}', index: '', contract: '', testing: '', api: '', defaults: '' });
    expect(() => t.client({ methodName: 'x' })).toThrow(/knownHelpersOnly, but used the unknown helper evil/);
  });

  it('compiles strict: a missing field throws instead of printing nothing', () => {
    const t = compileTemplates({
      client: '{{methodName}}',
      index: '{{#each services}}{{className}}{{/each}}',
      contract: '',
      testing: '',
      api: '',
      defaults: '',
    });
    expect(() => t.client({})).toThrow(/"methodName" not defined/);
    expect(() => t.index({ services: [{}] })).toThrow(/"className" not defined/);
  });

  it('uses an isolated instance: the global Handlebars has none of svc-gen’s helpers', () => {
    compileTemplates({ client: '{{str x}}', index: '', contract: '', testing: '', api: '', defaults: '' }).client({ x: 'a' });
    expect(Object.keys(Handlebars.helpers)).not.toContain('str');
  });
});
