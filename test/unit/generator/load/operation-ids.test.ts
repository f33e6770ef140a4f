/**
 * One operationId used by several operations is renamed (first use keeps it; the suffix comes from
 * the path, then the method, then a number), pure and deterministic. The path-template checks that
 * need a whole generation are in test/generator/path-templates.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { OpenAPIDocument } from '../../../../generator/load/document.js';
import { disambiguateOperationIds, pathSuffix } from '../../../../generator/load/operation-ids.js';

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
