/**
 * Models → virtual files (render/render.ts), through the repo's real templates: which files, in
 * which order, the contract embedded as it was built, the testing entry paired with the runtime
 * module, imports only for what is used, and the same output on every run.
 */
import { describe, expect, it } from 'vitest';
import { buildContract } from '../../../../generator/contract/contract.js';
import { buildService } from '../../../../generator/model/service.js';
import { type RenderInput, render } from '../../../../generator/render/render.js';
import { loadTemplates } from '../../../../generator/render/templates.js';

type Json = Record<string, unknown>;

const templates = loadTemplates();

const petsDoc: Json = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets/{id}': {
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
};
const emptyDoc: Json = { openapi: '3.1.0', info: { title: 'Zoo', version: '1' }, paths: {} };

function input(doc: Json, name: string, typesSource = 'export interface paths {}'): RenderInput {
  const service = buildService(doc, name);
  return { service, typesSource, contract: buildContract(doc, service) };
}

const byPath = (files: { path: string; contents: string }[]) => Object.fromEntries(files.map((f) => [f.path, f.contents]));

describe('render', () => {
  const inputs = [input(emptyDoc, 'zoo'), input(petsDoc, 'pets')];
  const files = render(inputs, templates, '@svc-gen/runtime');
  const out = byPath(files);

  it('writes four files per service and index.ts and testing.ts, sorted by path', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.ts',
      'pets/api.d.ts',
      'pets/client.ts',
      'pets/contract.ts',
      'pets/types.d.ts',
      'testing.ts',
      'zoo/api.d.ts',
      'zoo/client.ts',
      'zoo/contract.ts',
      'zoo/types.d.ts',
    ]);
    for (const f of files) expect(f.contents.endsWith('\n')).toBe(true);
  });

  it('passes the types source through, a final newline added only when missing', () => {
    expect(out['pets/types.d.ts']).toBe('export interface paths {}\n');
    expect(byPath(render([input(petsDoc, 'pets', 'x\n')], templates, '@svc-gen/runtime'))['pets/types.d.ts']).toBe('x\n');
  });

  it('embeds each service’s contract as built', () => {
    const literal = /JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(out['pets/contract.ts'] ?? '')?.[1];
    expect(JSON.parse(JSON.parse(literal ?? '""'))).toEqual(inputs[1]?.contract);
  });

  it('index.ts imports and registers the services in name order, from the runtime module given', () => {
    const index = out['index.ts'] ?? '';
    expect(index).toContain("from '@svc-gen/runtime';");
    const pets = index.indexOf("import { PetsService } from './pets/client.js';");
    const zoo = index.indexOf("import { ZooService } from './zoo/client.js';");
    expect(pets).toBeGreaterThan(0);
    expect(zoo).toBeGreaterThan(pets);
    expect(index).toContain("pets: () => $importContract('./pets/contract.js'),");
  });

  it('the client lists each operation for the runtime and the api declares its types', () => {
    expect(out['pets/client.ts']).toContain('"getPet":{"operationId":"getPet","method":"GET","path":"/pets/{id}","params":[{"name":"id","in":"path"}]}');
    expect(out['pets/client.ts']).toContain("$getService('pets')");
    expect(out['pets/api.d.ts']).toContain("export type GetPetSuccess = $paths['/pets/{id}']['get']['responses']['200']['content']['application/json'];");
  });

  it('testing.ts types each operation under its service’s paths alias', () => {
    expect(out['testing.ts']).toContain("getPet?: $FakeHandler<$PetsService.GetPetParams, $PetsServicePaths['/pets/{id}']['get']>;");
  });

  it('a service without operations imports no paths or styled params', () => {
    expect(out['zoo/api.d.ts']).not.toContain('$paths');
    expect(out['zoo/api.d.ts']).not.toContain('$StyledParams');
    expect(out['pets/api.d.ts']).toContain("import type { paths as $paths } from './types.js';");
  });

  it('FakeHandler is imported only when some service has an operation', () => {
    const onlyEmpty = byPath(render([input(emptyDoc, 'zoo')], templates, '@svc-gen/runtime'));
    expect(onlyEmpty['testing.ts']).not.toContain('$FakeHandler');
    expect(out['testing.ts']).toContain('FakeHandler as $FakeHandler');
  });

  const testingModules: [string, string][] = [
    ['@svc-gen/runtime', '@svc-gen/runtime/testing'],
    ['svc-gen/runtime', 'svc-gen/testing'],
    ['@acme/vendored/runtime', '@acme/vendored/testing'],
    ['./my-runtime.js', 'svc-gen/testing'],
  ];
  it.each(testingModules)('runtime %s → fakes from %s', (runtime, testing) => {
    const t = byPath(render([input(petsDoc, 'pets')], templates, runtime));
    expect(t['testing.ts']).toContain(`import { createFake as $createFake } from '${testing}';`);
    expect(t['pets/client.ts']).toContain(`from '${runtime}';`);
  });

  it('renders the same files on every run, whatever the order of the inputs', () => {
    expect(render([...inputs].reverse(), templates, '@svc-gen/runtime')).toEqual(files);
  });
});
