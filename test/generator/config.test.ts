/**
 * The config file: found in the working directory or named with --config (.json, .mjs, .ts);
 * services map spec files (even colliding names, or several documents in one folder) to clear
 * names; operationIds allow-lists; retryCount/timeout defaults in <out>/defaults.ts; flags override
 * the file; every malformed key is an exit-2 error naming the file and the key.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError, loadConfig } from '../../generator/index.js';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, tinySpec, writeFiles } from './helpers/specs.js';

let dir: string;

beforeEach(() => {
  dir = tempDir('svc-gen-config-');
});
afterEach(() => cleanup(dir));

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const generatedFiles = (out: string) => Object.keys(snapshotDir(path.join(dir, out)));

/** Two vendor folders whose documents have the same file name, and one folder holding two documents. */
function mender(): void {
  writeFiles(dir, {
    'mender/deviceauth/management_v2.yaml': tinySpec('', 'listDevices'),
    'mender/inventory/management_v2.yaml': tinySpec('', 'listInventory'),
    'vendor/apis/a.yaml': tinySpec('\n  x-service-name: shared', 'aOp'),
    'vendor/apis/b.yaml': tinySpec('\n  x-service-name: shared', 'bOp'),
  });
}

describe('finding and loading', () => {
  it('svc-gen.config.json in the working directory supplies inputs and out', async () => {
    copyRepoSpecs(path.join(dir, 'specs'));
    writeFiles(dir, { 'svc-gen.config.json': json({ inputs: ['specs'], out: 'clients' }) });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('clients')).toContain('user/client.ts');
  });

  it('maps colliding file names and one folder of several documents to clear service names', async () => {
    mender();
    // Without a config the two management_v2.yaml collide, and so do a.yaml and b.yaml (same x-service-name).
    const bare = await svcGenIn(dir, ['mender/deviceauth/management_v2.yaml', 'mender/inventory/management_v2.yaml', '--out', 'clients']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/service name "management-v2" is also the name of/);
    writeFiles(dir, {
      'svc-gen.config.json': json({
        out: 'clients',
        services: {
          'device-auth': { spec: 'mender/deviceauth/management_v2.yaml' },
          inventory: { spec: 'mender/inventory/management_v2.yaml' },
          'vendor-a': { spec: 'vendor/apis/a.yaml' },
          'vendor-b': { spec: 'vendor/apis/b.yaml' },
        },
      }),
    });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('clients').filter((f) => f.endsWith('client.ts'))).toEqual([
      'device-auth/client.ts',
      'inventory/client.ts',
      'vendor-a/client.ts',
      'vendor-b/client.ts',
    ]);
    const client = readFileSync(path.join(dir, 'clients/device-auth/client.ts'), 'utf8');
    expect(client).toContain("static readonly serviceName = 'device-auth';");
    expect(client).toContain('export class DeviceAuthService');
    expect(readFileSync(path.join(dir, 'clients/index.ts'), 'utf8')).toContain("'vendor-b': VendorBService;");
  });

  it('a configured spec may be a folder with an entry file; the key beats info.x-service-name', async () => {
    copyRepoSpecs(path.join(dir, 'specs'));
    writeFiles(dir, { 'svc-gen.config.json': json({ out: 'clients', services: { orders: { spec: 'specs/order' }, accounts: { spec: 'specs/user.yaml' } } }) });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^orders\s+5 operations/m);
    expect(run.stderr).toMatch(/^accounts\s+8 operations/m);
    expect(generatedFiles('clients')).toEqual([
      'accounts/api.d.ts',
      'accounts/client.ts',
      'accounts/contract.ts',
      'accounts/types.d.ts',
      'index.ts',
      'orders/api.d.ts',
      'orders/client.ts',
      'orders/contract.ts',
      'orders/types.d.ts',
      'svc-gen.manifest.json',
      'testing.ts',
    ]);
  });

  it('a configured spec replaces the discovered one for the same file (no duplicate service)', async () => {
    copyRepoSpecs(path.join(dir, 'specs'));
    writeFiles(dir, { 'svc-gen.config.json': json({ inputs: ['specs'], out: 'clients', services: { accounts: { spec: 'specs/user.yaml' } } }) });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('clients').filter((f) => f.endsWith('client.ts'))).toEqual([
      'accounts/client.ts',
      'notification/client.ts',
      'order/client.ts',
      'payment/client.ts',
    ]);
  });

  it('--config names a file elsewhere; its paths are relative to it, not to the working directory', async () => {
    writeFiles(dir, { 'conf/specs/ping.yaml': tinySpec(), 'conf/build.json': json({ inputs: ['specs'], out: '../gen' }) });
    const run = await svcGenIn(dir, ['--config', 'conf/build.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('gen')).toContain('ping/client.ts');
  });

  it('svc-gen.config.mjs may compute values (default export a function, importing a helper)', async () => {
    writeFiles(dir, {
      'specs/ping.yaml': tinySpec(),
      'names.mjs': 'export const outDir = ["gen", "erated"].join("");\n',
      'svc-gen.config.mjs': 'import { outDir } from "./names.mjs";\nexport default async () => ({ inputs: ["specs"], out: outDir });\n',
    });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('generated')).toContain('ping/client.ts');
  });

  it('svc-gen.config.ts works on Node 20 (transpiled, types erased) and leaves no temp file behind', async () => {
    writeFiles(dir, {
      'specs/ping.yaml': tinySpec(),
      'svc-gen.config.ts': [
        "import type { SvcGenConfig } from 'svc-gen';",
        "const out: string = ['ts', 'out'].join('-');",
        "const config: SvcGenConfig = { inputs: ['specs'], out, services: { pinger: { spec: 'specs/ping.yaml', timeout: 1500 as number } } };",
        'export default config;',
        '',
      ].join('\n'),
    });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('ts-out')).toEqual([
      'defaults.ts',
      'index.ts',
      'pinger/api.d.ts',
      'pinger/client.ts',
      'pinger/contract.ts',
      'pinger/types.d.ts',
      'svc-gen.manifest.json',
      'testing.ts',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['specs', 'svc-gen.config.ts', 'ts-out']);
  });

  it('--no-config ignores the file', async () => {
    writeFiles(dir, { 'specs/ping.yaml': tinySpec(), 'svc-gen.config.json': json({ outt: 'x' }) });
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '--no-config']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('loadConfig() returns undefined without a file, and absolute paths with one', async () => {
    expect(await loadConfig({ cwd: dir })).toBeUndefined();
    writeFiles(dir, { 'svc-gen.config.json': json({ inputs: ['a'], out: 'b', services: { x: { spec: 's.yaml' } } }) });
    expect(await loadConfig({ cwd: dir })).toEqual({
      file: path.join(dir, 'svc-gen.config.json'),
      config: { inputs: [path.join(dir, 'a')], out: path.join(dir, 'b'), services: { x: { spec: path.join(dir, 's.yaml') } } },
    });
  });
});

describe('flags override the file', () => {
  beforeEach(() => {
    writeFiles(dir, {
      'one/ping.yaml': tinySpec(),
      'two/pong.yaml': tinySpec('', 'pong'),
      'svc-gen.config.json': json({ inputs: ['one'], out: 'from-config' }),
    });
  });

  it('--out replaces "out"', async () => {
    const run = await svcGenIn(dir, ['--out', 'from-flag']);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'from-config'))).toBe(false);
    expect(generatedFiles('from-flag')).toContain('ping/client.ts');
  });

  it('arguments replace "inputs"', async () => {
    const run = await svcGenIn(dir, ['two']);
    expect(run.code, run.stderr).toBe(0);
    expect(generatedFiles('from-config').filter((f) => f.endsWith('client.ts'))).toEqual(['pong/client.ts']);
  });

  it('--check with a config: the fix command leaves config values to the config', async () => {
    await svcGenIn(dir, []);
    writeFileSync(path.join(dir, 'one/ping.yaml'), tinySpec('', 'pang'));
    const run = await svcGenIn(dir, ['--check']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/from-config is out of date \(6 stale, 0 missing, 0 extra\); to update it, run:\n {2}npx svc-gen\n/);
  });
});

describe('operationIds and runtime defaults', () => {
  beforeEach(() => copyRepoSpecs(path.join(dir, 'specs')));

  it('operationIds keeps only the listed operations, in client.ts, api.d.ts and types.d.ts', async () => {
    writeFiles(dir, {
      'svc-gen.config.json': json({ out: 'clients', services: { user: { spec: 'specs/user.yaml', operationIds: ['get_user', 'list_users'] } } }),
    });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^user\s+2 operations/m);
    const api = readFileSync(path.join(dir, 'clients/user/api.d.ts'), 'utf8');
    expect(api.match(/^ {2}\w+<const O/gm)).toEqual(['  listUsers<const O', '  getUser<const O']);
    const client = readFileSync(path.join(dir, 'clients/user/client.ts'), 'utf8');
    expect(client.match(/^"\w+":\{"operationId"/gm)).toEqual(['"listUsers":{"operationId"', '"getUser":{"operationId"']);
    const types = readFileSync(path.join(dir, 'clients/user/types.d.ts'), 'utf8');
    expect(types).toContain('list_users');
    expect(types).not.toContain('delete_user');
  });

  it('an operationId the spec lacks is an error naming it and the service', async () => {
    writeFiles(dir, {
      'svc-gen.config.json': json({ out: 'clients', services: { user: { spec: 'specs/user.yaml', operationIds: ['get_user', 'getUser', 'nope'] } } }),
    });
    const run = await svcGenIn(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('specs/user.yaml: services["user"].operationIds lists "getUser", which is not an operationId in this spec');
    expect(run.stderr).toContain('lists "nope"');
    expect(existsSync(path.join(dir, 'clients'))).toBe(false);
  });

  it('retryCount and timeout become <out>/defaults.ts → serviceDefaults (only services that set them)', async () => {
    writeFiles(dir, {
      'svc-gen.config.json': json({
        inputs: ['specs'],
        out: 'clients',
        services: {
          user: { spec: 'specs/user.yaml', retryCount: 0, timeout: 2500 },
          order: { spec: 'specs/order', retryCount: 3 },
          payment: { spec: 'specs/payment.json' },
        },
      }),
    });
    const run = await svcGenIn(dir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'clients/defaults.ts'), 'utf8')).toBe(
      [
        '// Generated by svc-gen from its config file. Do not edit: run svc-gen again.',
        '/* eslint-disable */',
        "import type { ServiceOverride as $ServiceOverride } from '@svc-gen/runtime';",
        '',
        '/**',
        ' * Runtime defaults per service from the svc-gen config (`retryCount`, `timeout` in ms), by registry key.',
        ' * Nothing applies them implicitly: spread them into `configure()`, for example',
        ' * `configure({ serviceConnections, services: { ...serviceDefaults, user: { ...serviceDefaults.user, url } } })`.',
        ' */',
        'export const serviceDefaults = {',
        '  order: { retryCount: 3 },',
        '  user: { retryCount: 0, timeout: 2500 },',
        '} as const satisfies { readonly [name: string]: $ServiceOverride };',
        '',
      ].join('\n'),
    );
    const manifest = JSON.parse(readFileSync(path.join(dir, 'clients/svc-gen.manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('defaults.ts');
  });

  it('removing the last default removes defaults.ts (it is in the manifest)', async () => {
    writeFiles(dir, { 'svc-gen.config.json': json({ out: 'clients', services: { user: { spec: 'specs/user.yaml', timeout: 100 } } }) });
    expect((await svcGenIn(dir, [])).code).toBe(0);
    expect(existsSync(path.join(dir, 'clients/defaults.ts'))).toBe(true);
    writeFiles(dir, { 'svc-gen.config.json': json({ out: 'clients', services: { user: { spec: 'specs/user.yaml' } } }) });
    expect((await svcGenIn(dir, [])).code).toBe(0);
    expect(existsSync(path.join(dir, 'clients/defaults.ts'))).toBe(false);
  });

  it('generate({ services }) takes the same entries (library API)', async () => {
    const result = await generate({ cwd: dir, out: 'lib-out', services: { accounts: { spec: 'specs/user.yaml', operationIds: ['get_user'] } } });
    expect(result.services.map((s) => [s.name, s.className, s.operations])).toEqual([['accounts', 'AccountsService', 1]]);
  });

  it('generate({ services }) validates entries like the file', async () => {
    const e = await generate({ cwd: dir, out: 'x', services: { Bad_Name: { spec: 'specs/user.yaml', retries: 1 } as never } }).catch((x: unknown) => x);
    expect(isSvcGenInputError(e)).toBe(true);
    expect((e as { problems: { code: string; file: string; location: object }[] }).problems.map((p) => [p.code, p.file, p.location])).toEqual([
      ['SVCGEN_CONFIG', 'generate() options', { pointer: '/services/Bad_Name' }],
      ['SVCGEN_CONFIG', 'generate() options', { pointer: '/services/Bad_Name/retries' }],
    ]);
  });
});

describe('errors: exit 2 naming the file and the key, nothing written', () => {
  /** [name, config file name, content, stderr patterns] */
  const cases: [string, string, string, RegExp[]][] = [
    [
      'unknown top-level key, with a suggestion',
      'svc-gen.config.json',
      json({ inputs: ['specs'], outt: 'clients' }),
      [
        /^svc-gen: error: svc-gen\.config\.json \(#\/outt\): unknown key "outt" \(did you mean "out"\?\); known keys: \$schema, inputs, out, services, runtimeModule, refRoot$/m,
      ],
    ],
    [
      'unknown service key',
      'svc-gen.config.json',
      json({ out: 'c', services: { 'device-auth': { spec: 'a.yaml', retries: 2 } } }),
      [
        /svc-gen\.config\.json \(#\/services\/device-auth\/retries\): unknown key "retries" in services\["device-auth"\]; known keys: spec, operationIds, retryCount, timeout/,
      ],
    ],
    [
      'every problem, not just the first',
      'svc-gen.config.json',
      json({ a: 1, b: 2, out: 3 }),
      [/unknown key "a"/, /unknown key "b"/, /\(#\/out\): "out" must be a non-empty string/],
    ],
    ['service without spec', 'svc-gen.config.json', json({ out: 'c', services: { x: {} } }), [/\(#\/services\/x\/spec\): services\["x"\]\.spec is required/]],
    [
      'service name not a registry key',
      'svc-gen.config.json',
      json({ out: 'c', services: { DeviceAuth: { spec: 'a.yaml' } } }),
      [/\(#\/services\/DeviceAuth\): service name "DeviceAuth" is not a registry key \(kebab-case\); use "device-auth"/],
    ],
    [
      'wrong types',
      'svc-gen.config.json',
      json({ inputs: 'specs', out: 'c', services: { x: { spec: 'a.yaml', operationIds: [], retryCount: 1.5, timeout: -1 } } }),
      [
        /\(#\/inputs\): "inputs" must be an array of non-empty strings/,
        /operationIds must list at least one entry/,
        /retryCount must be an integer from 0 to 100, got 1\.5/,
        /timeout must be a positive number of milliseconds, got -1/,
      ],
    ],
    [
      'services not an object',
      'svc-gen.config.json',
      json({ out: 'c', services: ['a'] }),
      [/\(#\/services\): "services" must be an object keyed by service name, got an array/],
    ],
    [
      'invalid JSON, with line and column',
      'svc-gen.config.json',
      '{\n  "out": "c",\n  oops\n}\n',
      [/^svc-gen: error: svc-gen\.config\.json:3:3: invalid JSON: /m],
    ],
    ['not an object', 'svc-gen.config.json', '[]\n', [/svc-gen\.config\.json \(#\): the config must be an object, got an array/]],
    ['mjs without a default export', 'svc-gen.config.mjs', 'export const out = "c";\n', [/svc-gen\.config\.mjs: no default export/]],
    ['mjs that throws', 'svc-gen.config.mjs', 'throw new Error("boom");\n', [/svc-gen\.config\.mjs: cannot load: boom/]],
    [
      'mjs whose function throws',
      'svc-gen.config.mjs',
      'export default () => { throw new Error("bang"); };\n',
      [/svc-gen\.config\.mjs: its default export threw: bang/],
    ],
    [
      'ts with an unknown key',
      'svc-gen.config.ts',
      'export default { out: "c", servces: {} } as const;\n',
      [/svc-gen\.config\.ts \(#\/servces\): unknown key "servces" \(did you mean "services"\?\)/],
    ],
  ];

  it.each(cases)('%s', async (_name, file, content, patterns) => {
    writeFiles(dir, { [file]: content, 'specs/ping.yaml': tinySpec() });
    const before = snapshotDir(dir);
    const run = await svcGenIn(dir, ['specs']);
    expect(run.code, run.stderr).toBe(2);
    for (const p of patterns) expect(run.stderr).toMatch(p);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('two config files at once is an error naming both', async () => {
    writeFiles(dir, { 'svc-gen.config.json': json({}), 'svc-gen.config.mjs': 'export default {};\n' });
    const run = await svcGenIn(dir, ['specs', '--out', 'c']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/more than one config file: svc-gen\.config\.json, svc-gen\.config\.mjs; keep one or pass --config/);
  });

  it('--config naming a missing file', async () => {
    const run = await svcGenIn(dir, ['--config', 'nope.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-gen: error: nope\.json: no such config file$/m);
  });

  it('a configured spec that does not exist, or a folder without an entry file', async () => {
    writeFiles(dir, { 'empty/readme.md': 'x', 'svc-gen.config.json': json({ out: 'c', services: { a: { spec: 'missing.yaml' }, b: { spec: 'empty' } } }) });
    const run = await svcGenIn(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing\.yaml: spec of service "a": no such file or directory/);
    expect(run.stderr).toMatch(/empty: spec of service "b": the folder has no entry file \(openapi\.yaml, openapi\.yml, openapi\.json\)/);
  });

  it('no out anywhere names the config file', async () => {
    writeFiles(dir, { 'svc-gen.config.json': json({ inputs: ['specs'] }) });
    const run = await svcGenIn(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '-o, --out <dir>' not specified \(or set "out" in svc-gen\.config\.json\)/);
  });
});
