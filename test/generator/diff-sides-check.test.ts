/**
 * `svc-gen diff` reads each side through the same per-document check as generation (prepare.ts's
 * `checkOne`): a spec generation refuses is refused by diff too, and a spec generation renames
 * operationIds in is compared as renamed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadSide } from '../../generator/diff/sides.js';
import { isSvcGenInputError } from '../../generator/errors.js';
import { cleanup, tempDir } from './helpers/fs.js';

type Json = Record<string, unknown>;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(cleanup));

function specFile(doc: Json): string {
  const dir = tempDir('svc-gen-diff-sides-');
  dirs.push(dir);
  const file = path.join(dir, 'shop.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const ok = { '200': { description: 'ok' } };

test('a schema that contains itself with no object in between: diff refuses it as generation does', async () => {
  const file = specFile({
    openapi: '3.0.3',
    info: { title: 'shop', version: '1' },
    paths: { '/a': { get: { operationId: 'a', responses: ok } } },
    components: { schemas: { Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }] } } },
  });
  const error = await loadSide(file, path.dirname(file)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSvcGenInputError(error)).toBe(true);
  expect(String((error as Error).message)).toContain('contains itself');
});

test('one operationId on two paths: the side holds the renamed document generation types', async () => {
  const file = specFile({
    openapi: '3.0.3',
    info: { title: 'shop', version: '1' },
    paths: { '/a': { get: { operationId: 'list', responses: ok } }, '/b': { get: { operationId: 'list', responses: ok } } },
  });
  const side = await loadSide(file, path.dirname(file));
  const paths = ([...side.services.values()][0] as Json)['paths'] as Record<string, { get: { operationId: string } }>;
  expect(paths['/a']?.get.operationId).toBe('list');
  expect(paths['/b']?.get.operationId).toBe('list_B');
});
