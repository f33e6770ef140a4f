/**
 * Real specs are messier than examples. Each of these must generate code that type-checks (or fail
 * with a clear message), never crash: messy operationIds, none at all, empty info, 3.0's `nullable`
 * in a 3.1 document, circular schemas, webhooks only, a `.json` file that is only valid as YAML,
 * `openapi: 3.0` read by YAML as a number, and a Swagger 2.0 file.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateResult, generate } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } };

const FILES: Record<string, string> = {
  'messy-ids.json': JSON.stringify({
    openapi: '3.1.0',
    info: { title: '', version: '' },
    paths: {
      '/a': { post: { operationId: 'post-payments', responses: ok }, get: { operationId: 'Check Update', responses: ok } },
      '/b': { post: { operationId: 'post_oauth2_token#refresh', responses: ok }, get: { responses: ok }, delete: { operationId: 'delete', responses: ok } },
      '/c/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: ok } },
    },
    components: {
      schemas: {
        // 3.0's nullable inside a 3.1 document, and a circular schema
        Node: {
          type: 'object',
          properties: { name: { type: 'string', nullable: true }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
      },
    },
  }),
  'hooks.yaml': "openapi: 3.1.0\ninfo: { title: hooks, version: '1' }\nwebhooks:\n  ping:\n    post:\n      responses: { '200': { description: ok } }\n",
  // Not JSON (comments, unquoted keys, trailing comma) but valid YAML.
  'yamlish.json': "# a comment\nopenapi: 3.0.3\ninfo: { title: y, version: '1', }\npaths:\n  /p:\n    get:\n      responses: { '204': { description: ok } }\n",
  'number-version.yaml': 'openapi: 3.0\ninfo: { title: n, version: 1 }\npaths: {}\n',
  'legacy.yaml':
    "swagger: '2.0'\ninfo: { title: l, version: '1' }\npaths:\n  /l/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, type: string }]\n      responses: { '200': { description: ok, schema: { type: string } } }\n",
};

let dir: string;
let result: GenerateResult;
beforeAll(async () => {
  dir = tempDir();
  writeFiles(path.join(dir, 'specs'), FILES);
  result = await generate({ inputs: [path.join(dir, 'specs')], out: path.join(dir, 'out') });
});
afterAll(() => cleanup(dir));

describe('messy specs', () => {
  it('generate', () => {
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([
      ['hooks', 0],
      ['legacy', 1],
      ['messy-ids', 6],
      ['number-version', 0],
      ['yamlish', 1],
    ]);
  });

  it('name methods from messy operationIds and from routes', async () => {
    const { readFileSync } = await import('node:fs');
    const api = readFileSync(path.join(dir, 'out/messy-ids/api.d.ts'), 'utf8');
    for (const name of ['postPayments', 'checkUpdate', 'postOauth2TokenRefresh', 'getB', 'delete_', 'getCById']) expect(api).toContain(`  ${name}<const O`);
  });

  it('warn about the .json file read as YAML', () => {
    expect(result.warnings.some((w) => /yamlish\.json: not valid JSON .*; read as YAML/.test(w))).toBe(true);
  });

  it('type-check', () => {
    const diagnostics = typecheck(path.join(dir, 'out'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});
