/**
 * Names: names that collide once converted (duplicate operationIds are renamed: test/unit/generator/load/operation-ids.test.ts), two specs on one service,
 * unsafe service names — each a clear error naming both sources, or (for method names, the
 * documented rule) a deterministic rename reported as a warning naming both operations. Hostile
 * service names and tags never make an output path leave `--out`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { commentLines } from '../../generator/model/escape.js';
import { svcGen } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { tinySpec, writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

let dir: string;
let out: string;
beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'out');
});
afterEach(() => cleanup(dir));

const ok = { responses: { '204': { description: 'ok' } } };
const spec = (paths: Record<string, unknown>, info: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1', ...info }, paths, ...extra });

/** [name, files, message (the whole error line after `svc-gen: error: `), code] */
const errors: [string, Record<string, string>, RegExp, string][] = [
  [
    'an operationId with a %',
    { 'in/a.json': spec({ '/a': { get: { ...ok, operationId: 'get%41' } } }) },
    /^.*in\/a\.json \(#\/paths\/~1a\/get\/operationId\): operationId "get%41" contains %, which openapi-typescript reads as a URI escape \(its types would not compile\); rename the operation$/m,
    'SVCGEN_INVALID_SPEC',
  ],
  [
    'a path with a bad %',
    { 'in/a.json': spec({ '/100%': { get: ok } }) },
    /^.*in\/a\.json \(#\/paths\/~1100%\): path "\/100%" has a % that is not a %XX escape of UTF-8; write %25 for a literal %$/m,
    'SVCGEN_INVALID_SPEC',
  ],
  [
    'a $ref to a key with a %',
    {
      'in/a.json': spec(
        {
          '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/a%2541' } } } } } } },
        },
        {},
        { components: { schemas: { 'a%41': { type: 'string' } } } },
      ),
    },
    /\(#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema\/\$ref\): \$ref "#\/components\/schemas\/a%2541" names a key with a % in it, which openapi-typescript decodes twice/,
    'SVCGEN_INVALID_SPEC',
  ],
  [
    'a spec file and a service folder with one name',
    { 'in/user.yaml': tinySpec(), 'in/user/openapi.yaml': tinySpec() },
    /^.*in\/user\/openapi\.yaml: service name "user" is also the name of .*in\/user\.yaml$/m,
    'SVCGEN_DUPLICATE_SERVICE',
  ],
  [
    'two names with one class name',
    { 'in/a.yaml': tinySpec('\n  x-service-name: v2-api'), 'in/b.yaml': tinySpec('\n  x-service-name: v-2-api') },
    /^.*in\/b\.yaml \(#\/info\/x-service-name\): service name "v-2-api" is also the name of .*in\/a\.yaml$/m,
    'SVCGEN_DUPLICATE_SERVICE',
  ],
  [
    'a Windows device name',
    { 'in/a.yaml': tinySpec('\n  x-service-name: CON') },
    /^.*in\/a\.yaml \(#\/info\/x-service-name\): service name "con" is a device name on Windows, so no folder can have it; set info\.x-service-name$/m,
    'SVCGEN_UNSAFE_NAME',
  ],
  [
    'a device name from the file name',
    { 'in/lpt1.json': spec({}) },
    /^.*in\/lpt1\.json: service name "lpt1" is a device name on Windows/m,
    'SVCGEN_UNSAFE_NAME',
  ],
  [
    'a name longer than 100 characters',
    { 'in/a.yaml': tinySpec(`\n  x-service-name: ${'x'.repeat(101)}`) },
    /service name "x{40}…" is longer than 100 characters; set info\.x-service-name$/m,
    'SVCGEN_UNSAFE_NAME',
  ],
  [
    'a name with no ASCII letter or digit',
    { 'in/a.yaml': tinySpec('\n  x-service-name: 用户服务') },
    /^.*in\/a\.yaml \(#\/info\/x-service-name\): cannot derive a service name from "用户服务"; set info\.x-service-name$/m,
    'SVCGEN_INVALID_SPEC',
  ],
];

describe('name errors', () => {
  it.each(errors)('%s: exit 2 naming both sources, nothing written', async (_name, files, message, code) => {
    writeFiles(dir, files);
    const run = await svcGen(path.join(dir, 'in'), '--out', out);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(snapshotDir(out)).toEqual({});
    const error = await generate({ inputs: [path.join(dir, 'in')], out }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe(code);
  });
});

describe('method names that collide once converted', () => {
  it('are renamed deterministically, in spec order, each rename reported naming both operations', async () => {
    writeFiles(dir, {
      'in/users.json': spec({
        '/a': { get: { ...ok, operationId: 'get-user' } },
        '/b': { get: { ...ok, operationId: 'get_user' } },
        '/c': { get: { ...ok, operationId: 'GetUser' } },
        '/d': { get: { ...ok, operationId: 'getUser2' } },
      }),
    });
    const run = await svcGen(path.join(dir, 'in'), '--out', out, '-q');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/^svc-gen: warning: .*$/gm)).toEqual([
      'svc-gen: warning: users: GET /b and GET /a both map to method getUser; the former is named getUser3',
      'svc-gen: warning: users: GET /c and GET /a both map to method getUser; the former is named getUser4',
    ]);
    const client = readFileSync(path.join(out, 'users/client.ts'), 'utf8');
    expect([...client.matchAll(/^ {2}(\w+): \{ operationId: '([^']+)'/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['getUser', 'get-user'],
      ['getUser3', 'get_user'],
      ['getUser4', 'GetUser'],
      ['getUser2', 'getUser2'],
    ]);
    const again = await svcGen(path.join(dir, 'in'), '--out', path.join(dir, 'again'), '-q');
    expect(again.stderr).toBe(run.stderr);
    expect(snapshotDir(path.join(dir, 'again'))).toEqual(snapshotDir(out));
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});

describe('hostile service names and tags stay inside --out', () => {
  it('every output path is <out>/<[a-z0-9-]+>/… or a top-level file, whatever the names and tags say', async () => {
    const tags = [{ name: '../../escape' }, { name: '/etc/passwd' }, { name: 'C:\\win' }];
    writeFiles(dir, {
      'in/a.json': spec(
        { '/a': { get: { ...ok, operationId: 'a', tags: ['../../escape', '/etc/passwd'] } } },
        { 'x-service-name': '../../etc/passwd' },
        { tags },
      ),
      'in/b.json': spec({}, { 'x-service-name': '__proto__' }),
      'in/c.json': spec({}, { 'x-service-name': 'class' }),
      'in/d.json': spec({}, { 'x-service-name': 'C:\\Windows\\System32' }),
      'in/..%2F..%2Fe.json': spec({}),
    });
    const result = await generate({ inputs: [path.join(dir, 'in')], out });
    expect(result.services.map((s) => [s.name, s.className])).toEqual([
      ['2-f-2-fe', '_2F2FeService'],
      ['etc-passwd', 'EtcPasswdService'],
      ['proto', 'ProtoService'],
      ['class', 'ClassService'],
      ['c-windows-system32', 'CWindowsSystem32Service'],
    ]);
    expect(Object.keys(snapshotDir(dir)).filter((f) => !f.startsWith('in/') && !f.startsWith('out/'))).toEqual([]);
    for (const file of Object.keys(snapshotDir(out)))
      expect(file).toMatch(/^([a-z0-9-]+\/(client|contract|types)\.ts|index\.ts|testing\.ts|svc-gen\.manifest\.json)$/);
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});

describe('regressions found by the property test', () => {
  it('a control character between * and / cannot close a comment', () => {
    for (const raw of ['/*\u0000/', '*\u0001/', '*\u007f/ x */']) for (const line of commentLines(raw)) expect(line).not.toContain('*/');
  });
});
