/**
 * Generated parameter types under strict: cookie and content parameters are typed (content as its
 * schema), objects compile where their style carries them, and each `// @ts-expect-error` line
 * (a value a style cannot carry, a wrong cookie or content type) must fail to compile.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, ensureDir, tempDir } from '../generator/helpers/fs.js';
import { formatDiagnostics, LAX, typecheck } from '../generator/helpers/typecheck.js';
import { CURRENT_TABLE, LEGACY_TABLE, styleDocument } from './params-table.js';

const rgb = { type: 'object', properties: { R: { type: 'integer' }, G: { type: 'integer' }, B: { type: 'integer' } } };
const json = (schema: object) => ({ 'application/json': { schema } });
const SHAPES = {
  openapi: '3.1.1',
  info: { title: 'shapes', version: '1' },
  paths: {
    '/shapes/{color}': {
      get: {
        operationId: 'getShape',
        parameters: [
          { name: 'color', in: 'path', required: true, style: 'matrix', explode: true, schema: rgb },
          { name: 'deep', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object', additionalProperties: { type: 'string' } } },
          { name: 'deepList', in: 'query', style: 'deepObject', explode: true, schema: { type: 'array', items: { type: 'string' } } },
          { name: 'nested', in: 'query', schema: { type: 'object', properties: { a: rgb } } },
          { name: 'list', in: 'query', schema: { type: 'array', items: rgb } },
          { name: 'pipes', in: 'query', style: 'pipeDelimited', schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'filter', in: 'query', content: json({ type: 'object', properties: { where: { type: 'object', properties: { a: rgb } } } }) },
          { name: 'X-Obj', in: 'header', explode: true, schema: rgb },
          { name: 'session', in: 'cookie', required: true, schema: { type: 'string' } },
          { name: 'prefs', in: 'cookie', content: json({ type: 'object', properties: { dark: { type: 'boolean' } } }) },
        ],
        responses: { '204': { description: 'ok' } },
      },
    },
  },
};

const USAGE = `
import { getService } from './index.js';

const color = { R: 1, G: 2, B: 3 };

export async function ok(): Promise<void> {
  const shapes = getService('shapes');
  await shapes.getShape({
    path: { color },
    query: { deep: { a: 'x' }, pipes: [1, 2], filter: { where: { a: color } } },
    headers: { 'X-Obj': color },
    cookies: { session: 's', prefs: { dark: true } },
  });
  await shapes.getShape({ path: { color }, cookies: { session: 's' } });
}

export async function errors(): Promise<void> {
  const shapes = getService('shapes');
  // @ts-expect-error cookie parameters are typed: session is a string
  await shapes.getShape({ path: { color }, cookies: { session: 1 } });
  // @ts-expect-error a required cookie parameter makes the cookies part required
  await shapes.getShape({ path: { color } });
  // @ts-expect-error a content parameter is typed as its schema, not as a string
  await shapes.getShape({ path: { color }, query: { filter: '{}' }, cookies: { session: 's' } });
  // @ts-expect-error a content cookie is typed as its schema: dark is a boolean
  await shapes.getShape({ path: { color }, cookies: { session: 's', prefs: { dark: 'yes' } } });
  // @ts-expect-error form cannot carry an object holding an object
  await shapes.getShape({ path: { color }, query: { nested: { a: color } }, cookies: { session: 's' } });
  // @ts-expect-error form cannot carry a list of objects
  await shapes.getShape({ path: { color }, query: { list: [color] }, cookies: { session: 's' } });
  // @ts-expect-error deepObject carries a map, not a list
  await shapes.getShape({ path: { color }, query: { deepList: ['a'] }, cookies: { session: 's' } });
}
`;

let out: string;
let root: string;
beforeAll(async () => {
  root = tempDir('svc-gen-params-types-');
  const specs = ensureDir(path.join(root, 'specs'));
  writeFileSync(path.join(specs, 'shapes.json'), JSON.stringify(SHAPES));
  writeFileSync(path.join(specs, 'styles-v303.json'), JSON.stringify(styleDocument('3.0.3', LEGACY_TABLE)));
  writeFileSync(path.join(specs, 'styles-v311.json'), JSON.stringify(styleDocument('3.1.1', CURRENT_TABLE)));
  out = path.join(root, 'out');
  const report = await generate({ inputs: [specs], out });
  expect(report.warnings).toEqual([]);
  writeFileSync(path.join(out, 'usage.ts'), USAGE);
});
afterAll(() => cleanup(root));

describe('generated parameter types', () => {
  it('correct calls compile under strict; every @ts-expect-error line is an error', () => {
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('the generated clients also compile without strict', () => {
    writeFileSync(path.join(out, 'usage.ts'), 'export {};\n');
    const diagnostics = typecheck(out, LAX);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});
