/**
 * Invalid input: exit 2, a message naming the file and the location (line:column and/or JSON
 * pointer) and the reason, and `<out>` byte-for-byte untouched (it holds a previous generation
 * and a user file).
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { svcGen } from './helpers/cli.js';
import { ensureDir, snapshotDir } from './helpers/fs.js';
import { usePreviousOut } from './helpers/previous-out.js';
import { tinySpec, writeFiles } from './helpers/specs.js';

const previous = usePreviousOut();
let dir = '';
let out = '';
beforeEach(() => ({ dir, out } = previous));

interface Case {
  readonly files: Record<string, string>;
  /** Inputs relative to the temp dir. */
  readonly inputs: readonly string[];
  readonly code: string;
  /** Must match the whole `file:line:col (#pointer): reason` line. */
  readonly message: RegExp;
}

const REF_TO_MISSING = tinySpec().replace('schema: { type: string }', "schema: { $ref: './schemas.yaml#/Missing' }");

const cases: [string, Case][] = [
  [
    'YAML syntax error',
    {
      files: { 'in/bad.yaml': 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n' },
      inputs: ['in'],
      code: 'SVCGEN_SYNTAX',
      message: /in\/bad\.yaml:\d+:\d+: invalid YAML: /,
    },
  ],
  [
    'JSON syntax error',
    {
      files: { 'in/bad.json': '{\n  "openapi": "3.0.3",\n  "info": {"title": "x"\n' },
      inputs: ['in'],
      code: 'SVCGEN_SYNTAX',
      message: /in\/bad\.json:\d+:\d+: invalid JSON: /,
    },
  ],
  [
    'duplicate YAML key',
    {
      files: { 'in/dup.yaml': 'openapi: 3.0.3\nopenapi: 3.1.0\n' },
      inputs: ['in'],
      code: 'SVCGEN_SYNTAX',
      message: /in\/dup\.yaml:2:1: invalid YAML: Map keys must be unique/,
    },
  ],
  [
    '$ref to a missing file',
    {
      files: { 'in/svc/openapi.yaml': REF_TO_MISSING },
      inputs: ['in'],
      code: 'SVCGEN_UNRESOLVED_REF',
      message: /in\/svc\/openapi\.yaml:14:23 \(#\/paths\/~1ping\/get\/responses\/200\/content\/text~1plain\/schema\): Can't resolve \$ref/,
    },
  ],
  [
    '$ref to a missing component',
    {
      files: { 'in/a.yaml': tinySpec().replace('schema: { type: string }', "schema: { $ref: '#/components/schemas/Nope' }") },
      inputs: ['in'],
      code: 'SVCGEN_UNRESOLVED_REF',
      message: /in\/a\.yaml:14:23 \(#\/paths\/~1ping\/get\/responses\/200\/content\/text~1plain\/schema\): Can't resolve \$ref/,
    },
  ],
  [
    'a YAML file named directly that is not OpenAPI',
    {
      files: { 'in/notes.yaml': 'title: shopping list\nitems: [milk]\n' },
      inputs: ['in/notes.yaml'],
      code: 'SVCGEN_NOT_OPENAPI',
      message: /in\/notes\.yaml \(#\): not an OpenAPI document: no "openapi: 3\.x" or "swagger: 2\.0" field/,
    },
  ],
  [
    'a JSON array named directly',
    {
      files: { 'in/list.json': '[1, 2]' },
      inputs: ['in/list.json'],
      code: 'SVCGEN_NOT_OPENAPI',
      message: /in\/list\.json \(#\): not an OpenAPI document: the top level is not an object/,
    },
  ],
  [
    'OpenAPI 4',
    {
      files: { 'in/future.yaml': tinySpec().replace('3.0.3', '4.0.0') },
      inputs: ['in'],
      code: 'SVCGEN_NOT_OPENAPI',
      message: /in\/future\.yaml \(#\/openapi\): unsupported OpenAPI version "4\.0\.0"/,
    },
  ],
  [
    'Swagger 1.2',
    {
      files: { 'in/old.json': '{"swagger": "1.2", "info": {}}' },
      inputs: ['in'],
      code: 'SVCGEN_NOT_OPENAPI',
      message: /in\/old\.json \(#\/swagger\): unsupported Swagger version "1\.2"/,
    },
  ],
  [
    'two specs mapping to one service name',
    {
      files: {
        'in/a.yaml': tinySpec('\n  x-service-name: Billing'),
        'in/b.json': JSON.stringify({ openapi: '3.0.3', info: { title: 'b', version: '1', 'x-service-name': 'billing' }, paths: {} }),
      },
      inputs: ['in'],
      code: 'SVCGEN_DUPLICATE_SERVICE',
      message: /in\/b\.json \(#\/info\/x-service-name\): service name "billing" is also the name of .*in\/a\.yaml/,
    },
  ],
  [
    'file names mapping to one service name',
    {
      files: { 'in/order_history.yaml': tinySpec(), 'in/OrderHistory.yml': tinySpec() },
      inputs: ['in'],
      code: 'SVCGEN_DUPLICATE_SERVICE',
      message: /in\/order_history\.yaml: service name "order-history" is also the name of .*in\/OrderHistory\.yml/,
    },
  ],
  [
    'a scanned folder holding only a shared file (no openapi/swagger)',
    {
      files: { 'in/notes.yaml': 'title: shopping list\nitems: [milk]\n' },
      inputs: ['in'],
      code: 'SVCGEN_NO_SPECS',
      message: /in\/notes\.yaml: no spec found: every file scanned is a shared file/,
    },
  ],
  [
    'a path template without its parameter',
    {
      files: { 'in/a.yaml': tinySpec().replace('/ping:', '/ping/{id}:') },
      inputs: ['in'],
      code: 'SVCGEN_INVALID_SPEC',
      message: /in\/a\.yaml \(#\/paths\/~1ping~1\{id\}\/get\): GET \/ping\/\{id\}: \{id\} in the path has no parameter with "in: path" and "name: id"/,
    },
  ],
  ['no spec found', { files: { 'in/readme.md': 'nothing here' }, inputs: ['in'], code: 'SVCGEN_NO_SPECS', message: /in: no spec found/ }],
  ['a path that does not exist', { files: {}, inputs: ['nope'], code: 'SVCGEN_PATH_NOT_FOUND', message: /nope: no such file or directory/ }],
  [
    'a remote $ref',
    {
      files: { 'in/r.yaml': tinySpec().replace('schema: { type: string }', "schema: { $ref: 'https://example.com/s.yaml#/S' }") },
      inputs: ['in'],
      code: 'SVCGEN_UNRESOLVED_REF',
      message: /in\/r\.yaml:14:23 .*remote \$ref https:\/\/example\.com\/s\.yaml is not supported/,
    },
  ],
];

describe('bad input', () => {
  it.each(cases)('%s: exit 2, file + location + reason, <out> untouched', async (_name, c) => {
    writeFiles(dir, c.files);
    const before = snapshotDir(out);
    const inputs = c.inputs.map((p) => path.join(dir, p));
    const run = await svcGen(...inputs, '--out', out);
    expect(run.code, run.stderr).toBe(2);
    const [first] = run.stderr.split('\n');
    expect(first).toMatch(/^svc-gen: error: /);
    expect(first).toMatch(c.message);
    expect(run.stderr).toMatch(/nothing was written/);
    expect(snapshotDir(out)).toEqual(before);
    // The library API throws the same problem with a stable code.
    const error = await generate({ inputs, out }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe(c.code);
  });

  it('reports every bad spec in one run, not just the first', async () => {
    writeFiles(dir, { 'in/a.yaml': 'a: [', 'in/b.yaml': 'openapi: 9.0.0\n' });
    const run = await svcGen(path.join(dir, 'in'), '--out', out);
    expect(run.stderr.match(/^svc-gen: error: /gm)).toHaveLength(2);
  });

  it('--check with bad input also exits 2 and writes nothing', async () => {
    ensureDir(path.join(dir, 'empty'));
    const before = snapshotDir(out);
    const run = await svcGen(path.join(dir, 'empty'), '--out', out, '--check');
    expect(run.code).toBe(2);
    expect(snapshotDir(out)).toEqual(before);
  });
});
