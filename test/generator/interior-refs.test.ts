/**
 * A `$ref` into the inside of a named schema, shaped like Linode's
 * (`#/components/schemas/Config/properties/disks/items`, `disks` optional): openapi-typescript prints
 * `components["schemas"]["Config"]["disks"]["items"]`, which does not compile (TS2339). svc-gen types
 * such a ref as the schema it points at; a ref whose indexed access compiles is printed as before.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generate } from '../../generator/index.js';
import { interiorRefBreaks } from '../../generator/types/interior-refs.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

const schemas = {
  Config: {
    type: 'object',
    required: ['helpers'],
    properties: {
      disks: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, label: { type: 'string' } } } },
      helpers: { type: 'object', properties: { network: { type: 'boolean' } } },
      limits: { type: 'object', additionalProperties: { type: 'integer' } },
    },
  },
  Disk: { $ref: '#/components/schemas/Config/properties/disks/items' },
  Helpers: { $ref: '#/components/schemas/Config/properties/helpers' },
  Network: { $ref: '#/components/schemas/Config/properties/helpers/properties/network' },
};

const spec = {
  openapi: '3.0.3',
  info: { title: 'linode', version: '1' },
  paths: {
    '/disks/{id}': {
      get: {
        operationId: 'getDisk',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Config/properties/disks/items' } } } },
        },
      },
    },
  },
  components: { schemas },
};

test('which printed indexed accesses break: through an optional property, into items or allOf; not through required ones', () => {
  const doc = spec as unknown as Record<string, unknown>;
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/properties/disks/items')).toBe(true);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/properties/disks')).toBe(false);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/properties/helpers')).toBe(false);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/properties/helpers/properties/network')).toBe(false);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/properties/limits/additionalProperties')).toBe(true);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config/allOf/0')).toBe(true);
  expect(interiorRefBreaks(doc, '#/components/schemas/Config')).toBe(false);
  expect(interiorRefBreaks(doc, '#/paths/~1disks~1{id}/get')).toBe(false);
});

test('a ref through an optional array property generates, compiles strict and types the item', async () => {
  writeFiles(dir, { 'specs/linode.json': JSON.stringify(spec) });
  const result = await generate({ inputs: [path.join(dir, 'specs')], out: path.join(dir, 'out') });
  const types = result.files.find((f) => f.path === 'linode/types.d.ts')?.contents ?? '';
  expect(types).not.toContain('["disks"]["items"]');
  expect(types).toContain('Helpers: components["schemas"]["Config"]["helpers"];');
  expect(types).toContain('Network: components["schemas"]["Config"]["helpers"]["network"];');
  writeFileSync(
    path.join(dir, 'out/usage.ts'),
    [
      "import type { GetDiskSuccess } from './linode/client.js';",
      "import type { components } from './linode/types.js';",
      "export const disk: GetDiskSuccess = { id: 1, label: 'boot' };",
      "export const named: components['schemas']['Disk'] = { id: 2 };",
      '// @ts-expect-error a disk without its required id',
      "export const bad: GetDiskSuccess = { label: 'boot' };",
      '',
    ].join('\n'),
  );
  const diagnostics = typecheck(path.join(dir, 'out'));
  expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
});
