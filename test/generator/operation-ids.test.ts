/**
 * Spec checks on operations: one operationId used by several operations is renamed (first use keeps
 * it; the suffix comes from the path, then the method, then a number), pure and deterministic; and
 * path templates must match the path parameters, else generation stops naming file and pointer.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import type { OpenAPIDocument } from '../../generator/load/document.js';
import { disambiguateOperationIds, pathSuffix } from '../../generator/load/operation-ids.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';

const ok = { responses: { '204': { description: 'ok' } } };
const doc = (paths: Record<string, unknown>): OpenAPIDocument => ({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });
/** operationId of every operation, in document order: `METHOD path=id`. */
const ids = (d: OpenAPIDocument) =>
  Object.entries(d['paths'] as Record<string, Record<string, { operationId?: string }>>).flatMap(([p, item]) =>
    Object.entries(item).map(([m, op]) => `${m.toUpperCase()} ${p}=${op.operationId}`),
  );

/** [name, paths, ids after] */
const RENAMES: [string, Record<string, unknown>, string[]][] = [
  ['unique ids: unchanged', { '/a': { get: { ...ok, operationId: 'a' } }, '/b': { get: { ...ok, operationId: 'b' } } }, ['GET /a=a', 'GET /b=b']],
  [
    'three paths, one id: the first keeps it',
    {
      '/v1/things/{id}': { get: { ...ok, operationId: 'Get' } },
      '/v1/{parent}/things/{id}': { get: { ...ok, operationId: 'Get' } },
      '/v2/things/{thing_id}': { get: { ...ok, operationId: 'Get' } },
    },
    ['GET /v1/things/{id}=Get', 'GET /v1/{parent}/things/{id}=Get_V1ByParentThingsById', 'GET /v2/things/{thing_id}=Get_V2ThingsByThingId'],
  ],
  [
    'same path, two methods',
    { '/x': { get: { ...ok, operationId: 'X' }, post: { ...ok, operationId: 'X' } }, '/y': { get: { ...ok, operationId: 'X' } } },
    ['GET /x=X', 'POST /x=X_X', 'GET /y=X_Y'],
  ],
  [
    'a suffix taken by another id: the method, then a number',
    {
      '/a': { get: { ...ok, operationId: 'op' }, put: { ...ok, operationId: 'op_PutA' } },
      '/a/': { put: { ...ok, operationId: 'op' }, post: { ...ok, operationId: 'op_A' } },
    },
    ['GET /a=op', 'PUT /a=op_PutA', 'PUT /a/=op_PutA_2', 'POST /a/=op_A'],
  ],
  [
    'ids equal once # is read as /',
    { '/a': { get: { ...ok, operationId: 'users/get' } }, '/b': { get: { ...ok, operationId: 'users#get' } } },
    ['GET /a=users/get', 'GET /b=users#get_B'],
  ],
  ['the root path', { '/': { get: { ...ok, operationId: 'r' } }, '/r': { get: { ...ok, operationId: 'r' } } }, ['GET /=r', 'GET /r=r_R']],
];

describe('disambiguateOperationIds', () => {
  it.each(RENAMES)('%s', (_name, paths, after) => {
    const input = doc(paths);
    const before = JSON.stringify(input);
    const result = disambiguateOperationIds(input);
    expect(ids(result.document)).toEqual(after);
    expect(result.warnings).toHaveLength(after.filter((a, i) => a !== ids(input)[i]).length);
    expect(JSON.stringify(input)).toBe(before); // the input is not changed
    expect(disambiguateOperationIds(doc(paths))).toEqual(result); // deterministic
  });

  it('path suffixes', () => {
    expect(['/v1/example/echo/{id}/{num}', '/users/{user-id}/orders', '/', '/{a}{b}'].map(pathSuffix)).toEqual([
      'V1ExampleEchoByIdByNum',
      'UsersByUserIdOrders',
      'Root',
      'ByAByB',
    ]);
  });
});

describe('path templates against path parameters', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('svc-gen-templates-');
  });
  afterEach(() => cleanup(dir));

  const run = async (paths: Record<string, unknown>) => {
    writeFiles(dir, { 'in/a.json': JSON.stringify(doc(paths)) });
    return generate({ inputs: [path.join(dir, 'in')], out: path.join(dir, 'out') }).catch((e: unknown) => e);
  };

  it('every mismatch is reported at once, with file and pointer', async () => {
    const error = await run({
      '/a/{id}': { get: { ...ok, operationId: 'a' } },
      '/b': { get: { ...ok, operationId: 'b', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } },
      '/c/{x}': { parameters: [{ name: 'y', in: 'path', required: true, schema: { type: 'string' } }], put: { ...ok, operationId: 'c' } },
    });
    expect(isSvcGenInputError(error)).toBe(true);
    if (!isSvcGenInputError(error)) return;
    expect(error.problems.map((p) => [p.code, path.relative(dir, p.file), p.location.pointer, p.reason])).toEqual([
      [
        'SVCGEN_INVALID_SPEC',
        'in/a.json',
        '/paths/~1a~1{id}/get',
        'GET /a/{id}: {id} in the path has no parameter with "in: path" and "name: id"; every call would fail (add the parameter, or fix the template)',
      ],
      [
        'SVCGEN_INVALID_SPEC',
        'in/a.json',
        '/paths/~1b/get/parameters/0',
        'GET /b: path parameter "id" has no {id} in the path; its value would go nowhere (add it to the path, or make it another kind of parameter)',
      ],
      [
        'SVCGEN_INVALID_SPEC',
        'in/a.json',
        '/paths/~1c~1{x}/put',
        'PUT /c/{x}: {x} in the path has no parameter with "in: path" and "name: x"; every call would fail (add the parameter, or fix the template)',
      ],
      [
        'SVCGEN_INVALID_SPEC',
        'in/a.json',
        '/paths/~1c~1{x}/parameters/0',
        'PUT /c/{x}: path parameter "y" has no {y} in the path; its value would go nowhere (add it to the path, or make it another kind of parameter)',
      ],
    ]);
  });

  it('parameters from the path item, the operation and $refs all count', async () => {
    const result = await generate({
      inputs: [
        (writeFiles(dir, {
          'ok.json': JSON.stringify({
            ...doc({
              '/a/{id}/{v}': {
                parameters: [{ $ref: '#/components/parameters/Id' }],
                get: { ...ok, operationId: 'a', parameters: [{ name: 'v', in: 'path', required: true, schema: { type: 'string' } }] },
              },
            }),
            components: { parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } } },
          }),
        }),
        path.join(dir, 'ok.json')),
      ],
      out: path.join(dir, 'out'),
    });
    expect(result.services.map((s) => s.operations)).toEqual([1]);
  });
});
