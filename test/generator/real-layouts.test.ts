/**
 * Real layouts as test inputs: CAMARA Quality On Demand's services sharing `../common/CAMARA_common.yaml`
 * (vendored with its licence in test/fixtures/camara-qod), and a gRPC-gateway-style spec publishing
 * one RPC under several paths with the same operationId. Both generate and type-check strict.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const CAMARA = fileURLToPath(new URL('../fixtures/camara-qod/', import.meta.url));

let dir = '';
beforeEach(() => {
  dir = tempDir('svc-gen-real-');
});
afterEach(() => cleanup(dir));

describe('CAMARA Quality On Demand (Apache-2.0): API_definitions/*.yaml sharing ../common/', () => {
  it('inside this repository: both services generate from the shared files and type-check strict', async () => {
    const out = path.join(dir, 'clients');
    const result = await generate({ inputs: [path.join(CAMARA, 'code/API_definitions')], out });
    expect(result.services.map((s) => [s.name, s.operations, s.inputs.map((f) => path.relative(CAMARA, f))])).toEqual([
      ['qos-profiles', 2, ['code/API_definitions/qos-profiles.yaml', 'code/common/CAMARA_common.yaml']],
      ['qos-provisioning', 4, ['code/API_definitions/qos-provisioning.yaml', 'code/common/CAMARA_common.yaml', 'code/common/CAMARA_event_common.yaml']],
    ]);
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('copied outside any repository: refused naming the spec folder; refRoot set to code/ generates', async () => {
    const copy = path.join(dir, 'qod');
    cpSync(CAMARA, copy, { recursive: true });
    const inputs = [path.join(copy, 'code/API_definitions')];
    const out = path.join(dir, 'clients');
    const error = await generate({ inputs, out }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_UNRESOLVED_REF');
    expect(String(error)).toContain(
      `leaves the spec's folder ${path.join(copy, 'code/API_definitions')}; svc-gen reads only files inside it: widen it with --ref-root <dir>`,
    );
    const result = await generate({ inputs, out, refRoot: path.join(copy, 'code') });
    expect(result.services.map((s) => s.name)).toEqual(['qos-profiles', 'qos-provisioning']);
  });
});

/**
 * In the shape protoc-gen-swagger (grpc-gateway v1) writes for an RPC with `additional_bindings`:
 * the same operationId under each binding's path. Written for this test (no licensed real spec
 * with this pattern was found small enough to vendor).
 */
const GATEWAY = {
  swagger: '2.0',
  info: { title: 'echo.proto', version: 'version not set' },
  consumes: ['application/json'],
  produces: ['application/json'],
  paths: {
    '/v1/example/echo/{id}': {
      post: {
        operationId: 'Echo',
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'A successful response.', schema: { $ref: '#/definitions/SimpleMessage' } } },
      },
    },
    '/v1/example/echo/{id}/{num}': {
      get: {
        operationId: 'Echo',
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { name: 'num', in: 'path', required: true, type: 'string', format: 'int64' },
        ],
        responses: { '200': { description: 'A successful response.', schema: { $ref: '#/definitions/SimpleMessage' } } },
      },
    },
    '/v2/example/echo/{id}': {
      get: {
        operationId: 'Echo',
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'A successful response.', schema: { $ref: '#/definitions/SimpleMessage' } } },
      },
      // The same id twice on one path: the method joins the suffix.
      post: {
        operationId: 'Echo',
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'A successful response.', schema: { $ref: '#/definitions/SimpleMessage' } } },
      },
    },
    '/v1/example/echo_body': {
      post: {
        operationId: 'EchoBody',
        parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/SimpleMessage' } }],
        responses: { '200': { description: 'A successful response.', schema: { $ref: '#/definitions/SimpleMessage' } } },
      },
    },
  },
  definitions: { SimpleMessage: { type: 'object', properties: { id: { type: 'string' }, num: { type: 'string', format: 'int64' } } } },
};

describe('gRPC-gateway style: one operationId on several paths', () => {
  it('each later use is renamed from its path (a warning each), the ids reach openapi-typescript renamed, and the output type-checks strict', async () => {
    writeFiles(dir, { 'echo.json': JSON.stringify(GATEWAY, null, 2) });
    const out = path.join(dir, 'clients');
    const result = await generate({ inputs: [path.join(dir, 'echo.json')], out });
    expect(result.warnings).toEqual([
      'GET /v1/example/echo/{id}/{num} and POST /v1/example/echo/{id} share operationId "Echo"; the former\'s is renamed "Echo_V1ExampleEchoByIdByNum" (#/paths/~1v1~1example~1echo~1{id}~1{num}/get/operationId)',
      'GET /v2/example/echo/{id} and POST /v1/example/echo/{id} share operationId "Echo"; the former\'s is renamed "Echo_V2ExampleEchoById" (#/paths/~1v2~1example~1echo~1{id}/get/operationId)',
      'POST /v2/example/echo/{id} and POST /v1/example/echo/{id} share operationId "Echo"; the former\'s is renamed "Echo_PostV2ExampleEchoById" (#/paths/~1v2~1example~1echo~1{id}/post/operationId)',
    ]);
    const types = readFileSync(path.join(out, 'echo/types.d.ts'), 'utf8');
    for (const id of ['Echo', 'Echo_V1ExampleEchoByIdByNum', 'Echo_V2ExampleEchoById', 'Echo_PostV2ExampleEchoById']) expect(types).toContain(`    ${id}: {`);
    const api = readFileSync(path.join(out, 'echo/api.d.ts'), 'utf8');
    for (const method of ['echo', 'echoV1ExampleEchoByIdByNum', 'echoV2ExampleEchoById', 'echoPostV2ExampleEchoById', 'echoBody'])
      expect(api).toMatch(new RegExp(`^  ${method}<`, 'm'));
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});
