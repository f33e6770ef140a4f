/**
 * Hostile input sizes: YAML alias bombs and 10,000-deep nesting fail fast with a clear error (exit
 * 2, file and line, `<out>` untouched; no crash, no hang); `__proto__` and `<<` keys stay plain
 * keys in every file svc-gen reads; a 5,000-path spec generates within its budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { MAX_DEPTH, parseSpecText } from '../../generator/load/parse.js';
import { svcGen } from './helpers/cli.js';
import { snapshotDir } from './helpers/fs.js';
import { usePreviousOut } from './helpers/previous-out.js';
import { tinySpec, writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const previous = usePreviousOut();
let dir = '';
let out = '';
beforeEach(() => ({ dir, out } = previous));

/** The classic "billion laughs": 9 levels of 9 aliases, 9^9 strings if expanded. */
function aliasBomb(): string {
  const L = 'abcdefghi';
  let y = `${tinySpec()}x-lol:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < 9; i++)
    y += `  ${L[i]}: &${L[i]} [${Array(9)
      .fill(`*${L[i - 1]}`)
      .join(',')}]\n`;
  return y;
}

/** `open`/`close` repeated `n` times around `inner`. */
const nest = (n: number, open: string, close: string, inner = ''): string => open.repeat(n) + inner + close.repeat(n);

/** [name, files (relative to the temp dir), input, message: the whole `file:line:col: reason` line, at the first level past the limit] */
const cases: [string, Record<string, string>, string, RegExp][] = [
  [
    'a YAML alias bomb',
    { 'in/bomb.yaml': aliasBomb() },
    'in',
    /^svc-gen: error: .*in\/bomb\.yaml: YAML aliases expand too much \(Excessive alias count.*\); refusing to build the document$/m,
  ],
  [
    '10,000-deep YAML flow nesting',
    { 'in/deep.yaml': `${tinySpec()}x-deep: ${nest(10_000, '[', ']')}\n` },
    'in',
    /^svc-gen: error: .*in\/deep\.yaml:15:264: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    '10,000-deep JSON nesting',
    { 'in/deep.json': `{"openapi": "3.0.3", "x-deep":\n${nest(10_000, '{"a":', '}', '1')}}` },
    'in',
    /^svc-gen: error: .*in\/deep\.json:2:1276: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    '10,000-deep YAML flow nesting in a .json file',
    { 'in/deep.json': `openapi: 3.0.3\nx-deep: ${nest(10_000, '[', ']')}\n` },
    'in',
    /^svc-gen: error: .*in\/deep\.json:2:264: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    '300-deep YAML block nesting',
    { 'in/block.yaml': `${tinySpec()}x-deep:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}${' '.repeat(301)}v\n` },
    'in',
    /^svc-gen: error: .*in\/block\.yaml:271:257: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    'anchors nested through aliases past the limit',
    { 'in/anchors.yaml': `${tinySpec()}x-a: &a ${nest(200, '[', ']')}\nx-b: ${nest(100, '[', ']', '*a')}\n` },
    'in',
    /^svc-gen: error: .*in\/anchors\.yaml: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    'a $ref-ed file nested 10,000 deep',
    {
      'in/svc/openapi.yaml': tinySpec().replace('schema: { type: string }', "schema: { $ref: './deep.yaml#/S' }"),
      'in/svc/deep.yaml': `S: { type: string }\nx: ${nest(10_000, '[', ']')}\n`,
    },
    'in',
    /^svc-gen: error: .*in\/svc\/deep\.yaml:2:259: nested deeper than 256 levels; refusing to read it$/m,
  ],
  [
    'a $ref-ed file that is an alias bomb',
    {
      'in/svc/openapi.yaml': tinySpec().replace('schema: { type: string }', "schema: { $ref: './bomb.yaml#/S' }"),
      'in/svc/bomb.yaml': `S: { type: string }\n${aliasBomb()}`,
    },
    'in',
    /^svc-gen: error: .*in\/svc\/bomb\.yaml: YAML aliases expand too much/m,
  ],
];

describe('resource limits', () => {
  it.each(cases)('%s: exit 2 within 5 s naming the file, SVCGEN_RESOURCE_LIMIT, <out> untouched', async (_name, files, input, message) => {
    writeFiles(dir, files);
    const before = snapshotDir(out);
    const started = performance.now();
    const run = await svcGen(path.join(dir, input), '--out', out);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|Maximum call stack/);
    expect(snapshotDir(out)).toEqual(before);
    const error = await generate({ inputs: [path.join(dir, input)], out }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_RESOURCE_LIMIT');
  });

  /** [format, text nested exactly `levels` deep (the document itself is level 1)] */
  const boundary: [string, string, (levels: number) => string][] = [
    ['JSON', 'x.json', (levels) => nest(levels, '{"a":', '}', '1')],
    ['YAML flow', 'x.yaml', (levels) => `a: ${nest(levels - 1, '[', ']')}`],
  ];
  it.each(boundary)('%s: exactly MAX_DEPTH levels are read, one more is refused', (_format, file, text) => {
    expect(MAX_DEPTH).toBe(256);
    expect(() => parseSpecText(file, text(MAX_DEPTH))).not.toThrow();
    expect(() => parseSpecText(file, text(MAX_DEPTH + 1))).toThrow(/nested deeper than 256 levels/);
  });
});

describe('__proto__ and << keys', () => {
  const YAML_SPEC = `openapi: 3.1.0
__proto__: { polluted: yaml-top }
info:
  title: proto
  version: '1'
  __proto__: { polluted: yaml-info }
x-anchors:
  base: &base { type: string, __proto__: { polluted: yaml-anchor } }
paths:
  /things:
    get:
      operationId: __proto__
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      required: [__proto__, '<<', constructor]
      properties:
        __proto__: { type: string }
        <<: *base
        constructor: { type: integer }
        external: { $ref: './more.yaml#/Derived' }
`;
  // Read by svc-gen's parser too (not the bundler's js-yaml, which would merge `<<`).
  const MORE = `Base: &b
  type: object
  properties: { fromBase: { type: string } }
Derived:
  <<: *b
  __proto__: { polluted: yaml-ref }
  type: object
  properties:
    own: { type: boolean }
`;
  const JSON_SPEC = JSON.parse(
    '{"openapi":"3.0.3","__proto__":{"polluted":"json-top"},"info":{"title":"j","version":"1","__proto__":{"polluted":"json-info"}},"paths":{},' +
      '"components":{"schemas":{"__proto__":{"type":"object","properties":{"__proto__":{"type":"string"}}}}}}',
  ) as object;

  it('stay plain keys: no prototype changes, merge keys not merged, and the output compiles', async () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype);
    writeFiles(dir, { 'p/proto/openapi.yaml': YAML_SPEC, 'p/proto/more.yaml': MORE, 'p/proto-json.json': JSON.stringify(JSON_SPEC) });
    const result = await generate({ inputs: [path.join(dir, 'p')], out: path.join(dir, 'p-out') });
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([
      ['proto-json', 0],
      ['proto', 1],
    ]);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(protoBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const types = readFileSync(path.join(dir, 'p-out/proto/types.d.ts'), 'utf8');
    expect(types).toMatch(/^ {12}__proto__: string;$/m);
    expect(types).toMatch(/^ {12}"<<": string;$/m); // a property named "<<", not a merge
    expect(types).toMatch(/^ {12}constructor: number;$/m);
    expect(types).toMatch(/^ {12}own\?: boolean;$/m);
    expect(types).not.toContain('fromBase'); // `<<: *b` in the $ref-ed file was not merged either
    expect(readFileSync(path.join(dir, 'p-out/proto-json/types.d.ts'), 'utf8')).toMatch(/^ {8}__proto__: \{\n {12}__proto__\?: string;$/m);
    // The operationId `__proto__` becomes the method `proto`, an own key of the operation table.
    expect(readFileSync(path.join(dir, 'p-out/proto/client.ts'), 'utf8')).toMatch(/^"proto":\{"operationId":"__proto__",/m);
    const diagnostics = typecheck(path.join(dir, 'p-out'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});

describe('a very large spec', () => {
  /** 5,000 paths, each a GET with a path and a query parameter and typed 200/404 bodies. */
  function largeSpec(paths: number): string {
    const doc = {
      openapi: '3.0.3',
      info: { title: 'large', version: '1' },
      paths: Object.fromEntries(
        Array.from({ length: paths }, (_, i) => [
          `/r${i}/{id}`,
          {
            get: {
              operationId: `get${i}`,
              parameters: [
                { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
                { name: 'q', in: 'query', schema: { type: 'integer' } },
              ],
              responses: {
                '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/S${i % 50}` } } } },
                '404': { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/E' } } } },
              },
            },
          },
        ]),
      ),
      components: {
        schemas: {
          E: { type: 'object', properties: { message: { type: 'string' } } },
          ...Object.fromEntries(
            Array.from({ length: 50 }, (_, i) => [
              `S${i}`,
              { type: 'object', required: ['id'], properties: { id: { type: 'string' }, n: { type: 'integer' } } },
            ]),
          ),
        },
      },
    };
    return JSON.stringify(doc);
  }

  /**
   * The budget: ~3.5 s alone on a 2-core machine (most of it openapi-typescript and the bundler);
   * 20 s leaves room for the rest of the suite running beside it. Quadratic behaviour would blow it.
   */
  const BUDGET_MS = 20_000;

  it(`generates 5,000 paths within ${BUDGET_MS / 1000} s`, { timeout: 60_000 }, async () => {
    writeFiles(dir, { 'large/large.json': largeSpec(5000) });
    const started = performance.now();
    const result = await generate({ inputs: [path.join(dir, 'large')], out: path.join(dir, 'large-out') });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([['large', 5000]]);
    const api = readFileSync(path.join(dir, 'large-out/large/api.d.ts'), 'utf8');
    expect(api.match(/^ {2}get\d+<const O/gm)).toHaveLength(5000);
    const client = readFileSync(path.join(dir, 'large-out/large/client.ts'), 'utf8');
    expect(client.match(/^"get\d+":\{"operationId":/gm)).toHaveLength(5000);
  });
});
