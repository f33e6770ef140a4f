/**
 * Cyclic schemas. A cycle through an object (a property, additionalProperties), also across files,
 * is a recursive type that compiles and accepts (and rejects) the right values; so is a cycle
 * through an array of a named schema (Vercel's JSON-value schema), printed as an interface extending Array. A schema that
 * contains itself with nothing but `$ref`, allOf/anyOf/oneOf or items in between cannot be typed
 * by openapi-typescript's output (TS2502): it is refused with the cycle named, never emitted.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { svcGen } from './helpers/cli.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => cleanup(dir));

const doc = (schemas: Record<string, unknown>, root = 'Root'): string =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'c', version: '1' },
    paths: {
      '/x': {
        get: {
          operationId: 'getX',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${root}` } } } } },
        },
      },
    },
    components: { schemas },
  });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('recursive schemas', () => {
  it('through objects, mutually, and across files: a recursive type that compiles and checks values', async () => {
    writeFiles(dir, {
      'ok/tree.json': doc({
        Root: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, children: { type: 'array', items: ref('Root') }, parent: ref('Root') },
        },
        A: { type: 'object', properties: { b: ref('B') } },
        B: { type: 'object', properties: { a: ref('A'), list: { type: 'array', items: { type: 'array', items: ref('A') } } } },
        Json: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, ref('Json'), { type: 'array', items: ref('Json') }] } },
      }),
      'ok/files/openapi.yaml':
        "openapi: 3.0.3\ninfo: { title: f, version: '1' }\npaths:\n  /p:\n    get:\n      operationId: getP\n      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: './person.yaml#/Person' } } } } }\n",
      'ok/files/person.yaml':
        "Person:\n  type: object\n  properties:\n    name: { type: string }\n    pets: { type: array, items: { $ref: './pet.yaml#/Pet' } }\n",
      'ok/files/pet.yaml': "Pet:\n  type: object\n  properties:\n    owner: { $ref: './person.yaml#/Person' }\n",
    });
    const result = await generate({ inputs: [path.join(dir, 'ok')], out: path.join(dir, 'ok-out') });
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([
      ['files', 1],
      ['tree', 1],
    ]);
    writeFileSync(
      path.join(dir, 'ok-out/usage.ts'),
      [
        "import type { GetXSuccess } from './tree/client.js';",
        "import type { GetPSuccess } from './files/client.js';",
        "import type { components } from './tree/types.js';",
        "export const tree: GetXSuccess = { name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }], parent: { name: 'p' } };",
        '// @ts-expect-error a child without its required name',
        "export const bad: GetXSuccess = { name: 'a', children: [{ children: [] }] };",
        "export const json: components['schemas']['Json'] = { a: 'x', b: 1, c: { d: [{ e: 'f' }] } };",
        "export const person: GetPSuccess = { name: 'p', pets: [{ owner: { name: 'q', pets: [] } }] };",
        '',
      ].join('\n'),
    );
    const diagnostics = typecheck(path.join(dir, 'ok-out'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});

describe('a schema that contains itself through an array of itself (Vercel: a JSON value)', () => {
  it('generates, compiles strict, accepts JSON values and rejects others; arrays elsewhere stay T[]', async () => {
    writeFiles(dir, {
      'arrays/vercel.json': doc(
        {
          JSONValue: {
            oneOf: [
              { type: 'string' },
              { type: 'number' },
              { type: 'boolean' },
              { type: 'null' },
              { type: 'array', items: ref('JSONValue') },
              { type: 'object', additionalProperties: ref('JSONValue') },
            ],
          },
          Nested: { type: 'array', items: ref('Nested') },
          Tags: { type: 'array', items: ref('Tag') },
          Tag: { type: 'string' },
        },
        'JSONValue',
      ),
    });
    const result = await generate({ inputs: [path.join(dir, 'arrays')], out: path.join(dir, 'arrays-out') });
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([['vercel', 1]]);
    const types = result.files.find((f) => f.path === 'vercel/types.d.ts')?.contents ?? '';
    expect(types).toContain('export interface $ArrayOf_JSONValue extends Array<components["schemas"]["JSONValue"]> {');
    expect(types).toContain('Nested: $ArrayOf_Nested;');
    expect(types).toContain('Tags: components["schemas"]["Tag"][];');
    writeFileSync(
      path.join(dir, 'arrays-out/usage.ts'),
      [
        "import type { GetXSuccess } from './vercel/client.js';",
        "import type { components } from './vercel/types.js';",
        "export const value: GetXSuccess = { a: [1, 'two', null, { b: [true, [[]]] }] };",
        'export const scalar: GetXSuccess = 3;',
        "export const nested: components['schemas']['Nested'] = [[], [[[]]]];",
        "export const array: components['schemas']['JSONValue'][] = [1, 'a'];",
        '// @ts-expect-error a function is not a JSON value',
        'export const bad: GetXSuccess = { a: [() => 1] };',
        '// @ts-expect-error a string is not an array of arrays',
        "export const badNested: components['schemas']['Nested'] = ['x'];",
        '',
      ].join('\n'),
    );
    const diagnostics = typecheck(path.join(dir, 'arrays-out'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});

describe('a schema that contains itself with no object in between', () => {
  /** [name, schemas, the cycle as reported] */
  const cases: [string, Record<string, unknown>, string][] = [
    ['a $ref to itself', { Root: ref('Root') }, '#/components/schemas/Root → #/components/schemas/Root'],
    ['two $refs to each other', { Root: ref('B'), B: ref('Root') }, '#/components/schemas/Root → #/components/schemas/B → #/components/schemas/Root'],
    ['allOf itself', { Root: { allOf: [ref('Root'), { type: 'object' }] } }, '#/components/schemas/Root → #/components/schemas/Root'],
    [
      'a union with an inline array of a union with itself',
      { Root: { anyOf: [{ type: 'string' }, { type: 'array', items: { anyOf: [ref('Root'), { type: 'number' }] } }] } },
      '#/components/schemas/Root → #/components/schemas/Root',
    ],
    ['a tuple of itself', { Root: { type: 'array', prefixItems: [ref('Root')] } }, '#/components/schemas/Root → #/components/schemas/Root'],
    [
      'a parent with oneOf children that allOf the parent',
      {
        Root: { type: 'object', properties: { kind: { type: 'string' } }, oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind' } },
        Cat: { allOf: [ref('Root'), { type: 'object', properties: { meow: { type: 'boolean' } } }] },
        Dog: { allOf: [ref('Root'), { type: 'object', properties: { bark: { type: 'boolean' } } }] },
      },
      '#/components/schemas/Root → #/components/schemas/Cat → #/components/schemas/Root',
    ],
  ];
  it.each(cases)('%s: exit 2 naming the cycle, SVCGEN_INVALID_SPEC', async (name, schemas, cycle) => {
    const file = path.join(dir, `bad-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, doc(schemas));
    const run = await svcGen(file, '--out', path.join(dir, 'bad-out'));
    expect(run.code, run.stderr).toBe(2);
    const pointer = cycle.split(' → ')[0] ?? '';
    expect(run.stderr).toContain(
      `${path.basename(file)} (${pointer}): schema contains itself with no object in between (${cycle}, through $ref, allOf/anyOf/oneOf or items); ` +
        'its TypeScript type would refer to itself and not compile',
    );
    const error = await generate({ inputs: [file], out: path.join(dir, 'bad-out') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && [error.code, error.problems[0]?.location.pointer]).toEqual(['SVCGEN_INVALID_SPEC', pointer.slice(1)]);
  });
});
