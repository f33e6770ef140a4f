/**
 * `$ref`s that point at a value inside another operation, as bundlers write them when every reuse
 * points at the first occurrence (APIs.guru's DigitalOcean spec: ~2,700 such refs to shared
 * parameters, responses, headers and schemas). The spec is valid, so it must generate, type-check
 * strict, and type the reused parts as the originals; only a value that refers back to itself
 * through paths is refused, with its pointer.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const dir = tempDir('svc-gen-refs-into-paths-');
afterAll(() => cleanup(dir));

const KEYS = '#/paths/~1v2~1account~1keys';

/** Excerpt of DigitalOcean's spec as bundled by APIs.guru (shapes kept, fields trimmed). */
const spec = {
  openapi: '3.0.0',
  info: { title: 'DigitalOcean (excerpt)', version: '2.0' },
  paths: {
    '/v2/account/keys': {
      get: {
        operationId: 'sshKeys_list',
        parameters: [{ name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1 } }],
        responses: {
          '200': {
            description: 'keys',
            headers: { 'ratelimit-limit': { schema: { type: 'integer' } } },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    ssh_keys: {
                      type: 'array',
                      items: { type: 'object', required: ['name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          },
          '401': {
            description: 'unauthorized',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['id', 'message'], properties: { id: { type: 'string' }, message: { type: 'string' } } },
              },
            },
          },
        },
      },
      post: {
        operationId: 'sshKeys_create',
        requestBody: {
          content: { 'application/json': { schema: { $ref: `${KEYS}/get/responses/200/content/application~1json/schema/properties/ssh_keys/items` } } },
        },
        responses: {
          '201': {
            description: 'created',
            headers: { 'ratelimit-limit': { $ref: `${KEYS}/get/responses/200/headers/ratelimit-limit` } },
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { ssh_key: { $ref: `${KEYS}/get/responses/200/content/application~1json/schema/properties/ssh_keys/items` } },
                },
              },
            },
          },
          '401': { $ref: `${KEYS}/get/responses/401` },
        },
      },
    },
    '/v2/droplets': {
      get: {
        operationId: 'droplets_list',
        parameters: [{ $ref: `${KEYS}/get/parameters/0` }],
        responses: { '200': { description: 'droplets' }, '401': { $ref: `${KEYS}/post/responses/401` } },
      },
    },
  },
};

describe('$refs to values inside other operations', () => {
  it('generate, type the copies as the originals, and type-check strict', async () => {
    const file = path.join(dir, 'digitalocean.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = path.join(dir, 'out');
    const result = await generate({ inputs: [file], out });
    expect(result.services[0]?.operations).toBe(3);
    writeFileSync(
      path.join(out, 'use.ts'),
      [
        "import type { paths } from './digitalocean/types.js';",
        "type Body = NonNullable<paths['/v2/account/keys']['post']['requestBody']>['content']['application/json'];",
        "type Unauthorized = paths['/v2/droplets']['get']['responses']['401']['content']['application/json'];",
        "type PerPage = NonNullable<paths['/v2/droplets']['get']['parameters']['query']>['per_page'];",
        "export const body: Body = { name: 'laptop' };",
        "export const err: Unauthorized = { id: 'unauthorized', message: 'no' };",
        'export const perPage: PerPage = 20;',
        '// @ts-expect-error name is required, as in the original schema',
        'export const bad: Body = { id: 1 };',
        '',
      ].join('\n'),
    );
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('a value inside paths that refers back to itself is refused with its pointer', async () => {
    const node = { type: 'object', properties: { child: { $ref: '#/paths/~1tree/get/responses/200/content/application~1json/schema' } } };
    const tree = {
      openapi: '3.0.0',
      info: { title: 'tree', version: '1' },
      paths: { '/tree': { get: { operationId: 'getTree', responses: { '200': { description: 'ok', content: { 'application/json': { schema: node } } } } } } },
    };
    const file = path.join(dir, 'tree.json');
    writeFileSync(file, JSON.stringify(tree));
    const error = await generate({ inputs: [file], out: path.join(dir, 'tree-out') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) ? error.problems.map((p) => [p.code, p.location.pointer]) : String(error)).toEqual([
      ['SVCGEN_INVALID_SPEC', '/paths/~1tree/get/responses/200/content/application~1json/schema/properties/child/properties/child'],
    ]);
  });
});
