/**
 * `--json`: the report's exact shape (schemaVersion 1) in write mode, check mode, on input, config
 * and usage errors; stdout holds only the JSON; the library's `jsonReport` gives the same object.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, jsonReport } from '../../generator/index.js';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, tinySpec, writeFiles } from './helpers/specs.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('svc-gen-json-');
});
afterEach(() => cleanup(dir));

const ms = expect.any(Number);
const TOP_KEYS = [
  'schemaVersion',
  'ok',
  'exitCode',
  'mode',
  'out',
  'config',
  'fixCommand',
  'services',
  'shared',
  'summary',
  'written',
  'removed',
  'check',
  'warnings',
  'errors',
];

async function report(args: string[]) {
  const run = await svcGenIn(dir, [...args, '--json']);
  return { code: run.code, stderr: run.stderr, json: JSON.parse(run.stdout) as Record<string, unknown> };
}

/** Two operations mapping to one method name: a renamed-collision warning. */
const COLLIDING = `openapi: 3.0.3
info: { title: Pair, version: '1' }
paths:
  /a:
    get: { operationId: fetch, responses: { '204': { description: ok } } }
  /b:
    get: { operationId: fetch_, responses: { '204': { description: ok } } }
`;

describe('--json', () => {
  it('write mode: the exact shape', async () => {
    writeFiles(dir, { 'specs/ping.yaml': tinySpec(), 'specs/pair.yaml': COLLIDING });
    const { code, json } = await report(['specs', '--out', 'clients']);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(TOP_KEYS);
    expect(json).toEqual({
      schemaVersion: 1,
      ok: true,
      exitCode: 0,
      mode: 'write',
      out: 'clients',
      config: null,
      fixCommand: 'npx svc-gen specs --out clients',
      services: [
        {
          key: 'pair',
          name: 'PairService',
          spec: 'specs/pair.yaml',
          inputs: ['specs/pair.yaml'],
          operations: 2,
          files: ['pair/api.d.ts', 'pair/client.ts', 'pair/contract.ts', 'pair/types.d.ts'],
          ms,
          warnings: ['GET /b and GET /a both map to method fetch; the former is named fetch2'],
          reused: false,
        },
        {
          key: 'ping',
          name: 'PingService',
          spec: 'specs/ping.yaml',
          inputs: ['specs/ping.yaml'],
          operations: 1,
          files: ['ping/api.d.ts', 'ping/client.ts', 'ping/contract.ts', 'ping/types.d.ts'],
          ms,
          warnings: [],
          reused: false,
        },
      ],
      shared: [],
      summary: { services: 2, operations: 3, files: 11, written: 11, removed: 0, warnings: 1, errors: 0, ms },
      written: [
        'index.ts',
        'pair/api.d.ts',
        'pair/client.ts',
        'pair/contract.ts',
        'pair/types.d.ts',
        'ping/api.d.ts',
        'ping/client.ts',
        'ping/contract.ts',
        'ping/types.d.ts',
        'testing.ts',
        'svc-gen.manifest.json',
      ],
      removed: [],
      check: null,
      warnings: ['pair: GET /b and GET /a both map to method fetch; the former is named fetch2'],
      errors: [],
    });
  });

  it('check mode with drift: exit 1, every finding, the fix command; the file list stays off stdout', async () => {
    copyRepoSpecs(path.join(dir, 'specs'));
    await svcGenIn(dir, ['specs', '--out', 'clients']);
    const user = path.join(dir, 'specs/user.yaml');
    writeFileSync(user, readFileSync(user, 'utf8').replace('Get one user', 'Fetch one user'));
    const { code, json, stderr } = await report(['specs', '--out', 'clients', '--check']);
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, exitCode: 1, mode: 'check', fixCommand: 'npx svc-gen specs --out clients', written: [], removed: [], errors: [] });
    expect(json['check']).toEqual({
      upToDate: false,
      stale: [
        { path: 'user/api.d.ts', diff: expect.stringMatching(/^@@ line \d+ @@\n- {4}\* Get one user\n\+ {4}\* Fetch one user$/m) },
        { path: 'user/types.d.ts', diff: expect.stringContaining('/** Fetch one user */') },
        { path: 'svc-gen.manifest.json', diff: expect.any(String) },
      ],
      missing: [],
      extra: [],
    });
    expect(stderr).toMatch(/^stale: {3}user\/api\.d\.ts$/m);
  });

  it('check mode, up to date: exit 0, check.upToDate', async () => {
    writeFiles(dir, { 'specs/ping.yaml': tinySpec() });
    await svcGenIn(dir, ['specs', '--out', 'clients']);
    const { code, json } = await report(['specs', '--out', 'clients', '--check']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, check: { upToDate: true, stale: [], missing: [], extra: [] } });
  });

  it('input errors: exit 2, each with code, file, line, column, pointer, reason', async () => {
    writeFiles(dir, { 'specs/bad.yaml': 'openapi: 3.0.3\ninfo: [\n', 'specs/two.yaml': 'swagger: "1.2"\n' });
    const { code, json } = await report(['specs', '--out', 'clients']);
    expect(code).toBe(2);
    expect(Object.keys(json)).toEqual(TOP_KEYS);
    expect(json).toMatchObject({ ok: false, exitCode: 2, services: [], check: null, summary: { services: 0, errors: 2 } });
    expect(json['errors']).toEqual([
      { code: 'SVCGEN_SYNTAX', file: 'specs/bad.yaml', line: expect.any(Number), column: expect.any(Number), pointer: null, reason: expect.any(String) },
      {
        code: 'SVCGEN_NOT_OPENAPI',
        file: 'specs/two.yaml',
        line: null,
        column: null,
        pointer: '/swagger',
        reason: 'unsupported Swagger version "1.2" (expected 2.0)',
      },
    ]);
  });

  it('config errors name the file and the pointer', async () => {
    writeFiles(dir, { 'svc-gen.config.json': '{ "ouput": "x" }\n' });
    const { code, json } = await report([]);
    expect(code).toBe(2);
    expect(json).toMatchObject({
      config: null,
      errors: [{ code: 'SVCGEN_CONFIG', file: 'svc-gen.config.json', pointer: '/ouput', reason: expect.stringMatching(/^unknown key "ouput"/) }],
    });
  });

  /** [args, reason pattern] */
  const usage: [string[], RegExp][] = [
    [['specs', '--bogus'], /unknown option '--bogus'/],
    [['specs'], /required option '-o, --out <dir>' not specified/],
    [['specs', '--out', 'x', '--check', '--watch'], /option '-w, --watch' cannot be used with option '--check'/],
  ];
  it.each(usage)('usage error %j: exit 2, SVCGEN_USAGE', async (args, reason) => {
    const { code, json } = await report(args);
    expect(code).toBe(2);
    expect(json['errors']).toEqual([{ code: 'SVCGEN_USAGE', file: null, line: null, column: null, pointer: null, reason: expect.stringMatching(reason) }]);
  });

  it('the library: jsonReport(generate(...)) is the object the CLI prints', async () => {
    writeFiles(dir, { 'specs/ping.yaml': tinySpec() });
    const cli = (await report(['specs', '--out', 'a'])).json;
    const result = await generate({ cwd: dir, inputs: ['specs'], out: 'b' });
    const lib = jsonReport(result, 0, { cwd: dir, mode: 'write', out: result.options.out, config: undefined, fixCommand: 'npx svc-gen specs --out b' });
    const noTimes = (r: Record<string, unknown>) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'ms' ? 0 : v)));
    expect(noTimes(lib as unknown as Record<string, unknown>)).toEqual({ ...noTimes(cli), out: 'b', fixCommand: 'npx svc-gen specs --out b' });
  });
});
