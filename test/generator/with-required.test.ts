/**
 * `allOf: [$ref, { required: [...] }]` over a nullable schema, as Plaid's `Cause` over its nullable
 * `PlaidError`: openapi-typescript's `WithRequired<T, K extends keyof T>` does not compile there
 * (TS2344, `keyof (X | null)` is `never`). The generated types must compile strict and still
 * require the listed keys.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const dir = tempDir('svc-gen-with-required-');
afterAll(() => cleanup(dir));

const spec = {
  openapi: '3.0.0',
  info: { title: 'Plaid (excerpt)', version: '1' },
  paths: {
    '/item/get': {
      post: {
        operationId: 'itemGet',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Cause' } } } } },
      },
    },
  },
  components: {
    schemas: {
      PlaidError: {
        type: 'object',
        nullable: true,
        properties: { error_type: { type: 'string' }, error_code: { type: 'string' }, display_message: { type: 'string', nullable: true } },
      },
      Cause: {
        type: 'object',
        allOf: [{ $ref: '#/components/schemas/PlaidError' }, { type: 'object', required: ['item_id'], properties: { item_id: { type: 'string' } } }],
        required: ['error_type', 'error_code'],
      },
    },
  },
};

it('WithRequired over a nullable schema compiles strict and requires the listed keys', async () => {
  const file = path.join(dir, 'plaid.json');
  writeFileSync(file, JSON.stringify(spec));
  const out = path.join(dir, 'out');
  await generate({ inputs: [file], out });
  writeFileSync(
    path.join(out, 'use.ts'),
    [
      "import type { components } from './plaid/types.js';",
      "type Cause = components['schemas']['Cause'];",
      "export const ok: Cause = { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', item_id: 'i1' };",
      '// @ts-expect-error error_code is required by Cause',
      "export const missing: Cause = { error_type: 'ITEM_ERROR', item_id: 'i1' };",
      '',
    ].join('\n'),
  );
  const diagnostics = typecheck(out);
  expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
});
