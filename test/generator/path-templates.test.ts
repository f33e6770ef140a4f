/**
 * Path templates must match the path parameters, else generation stops naming file and pointer
 * (a whole generation on the file system; the renaming of duplicate operationIds is unit-tested in
 * test/unit/generator/load/operation-ids.test.ts).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import type { OpenAPIDocument } from '../../generator/load/document.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';

const ok = { responses: { '204': { description: 'ok' } } };
const doc = (paths: Record<string, unknown>): OpenAPIDocument => ({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });
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
