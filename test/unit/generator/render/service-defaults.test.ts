/** `<out>/defaults.ts` (render/service-defaults.ts): only generated services with a default, numbers kept (0 too). */
import { describe, expect, it } from 'vitest';
import type { ResolvedService } from '../../../../generator/config/options.js';
import type { TemplateSources } from '../../../../generator/render/engine.js';
import { serviceDefaultsFile } from '../../../../generator/render/service-defaults.js';

/** A literal defaults template that prints the context it gets. */
const templates: TemplateSources = {
  api: '',
  client: '',
  index: '',
  contract: '',
  testing: '',
  defaults: '{{runtimeModule}}|{{#each services}}{{name}}:{{#each fields}}{{key}}={{number}};{{/each}}|{{/each}}',
};

const service = (name: string, retryCount?: number, timeout?: number): ResolvedService => ({
  name,
  spec: `/s/${name}.yaml`,
  operationIds: undefined,
  retryCount,
  timeout,
});

describe('serviceDefaultsFile', () => {
  it('lists the generated services that set a default, with only the fields they set', () => {
    const services = [service('a', 0), service('b', undefined, 5000), service('c', 2, 100), service('d'), service('e', 3)];
    const file = serviceDefaultsFile('defaults.ts', services, new Set(['a', 'b', 'c', 'd']), 'rt', templates);
    expect(file).toEqual({ path: 'defaults.ts', contents: 'rt|a:retryCount=0;|b:timeout=5000;|c:retryCount=2;timeout=100;|' });
  });

  it('no file when no generated service sets a default', () => {
    expect(serviceDefaultsFile('defaults.ts', [service('a'), service('b', 1)], new Set(['a']), 'rt', templates)).toBeUndefined();
    expect(serviceDefaultsFile('defaults.ts', [], new Set(), 'rt', templates)).toBeUndefined();
  });
});
