/**
 * The published packages. svc-gen (CLI + generator, ESM-only): `attw` finds no problem in the packed
 * tarball (and does find one in a tarball with broken exports, so this test can fail); generated code
 * plus `svc-gen/runtime` and `svc-gen` type-check from the BUILT declarations (dist/*.d.ts, reached
 * through node_modules as a consumer reaches them, no `paths`) under NodeNext and Bundler resolution,
 * strict and not; the package imports at run time; `engines` is no looser than the dependencies' own.
 * @svc-gen/runtime (ESM + CommonJS): `attw` clean for node10, node16 (CJS and ESM) and bundler; its
 * tarball installed alone with --omit=dev brings only undici and jose; a CommonJS and an ESM consumer
 * both call a generated client against a real server (see runtime-package.test.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { ensureRuntimeBuilt } from '../helpers/runtime-dist.js';
import { cleanup, tempDir } from './helpers/fs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  engines: { node: string };
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};
const ATTW = path.join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let tarball: string;

beforeAll(() => {
  // `npm test` builds dist/ first (pretest); a bare `vitest run` may not have.
  ensureRuntimeBuilt();
  if (!existsSync(path.join(ROOT, 'dist/generator/index.d.ts')))
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')]);
  work = tempDir('svc-gen-package-');
  // --ignore-scripts: dist/ is already built, and a concurrent rebuild would race other test files reading it.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = path.join(work, packed[0]?.filename ?? '');
  packedFiles = (packed[0]?.files ?? []).map((f) => f.path);
}, 120_000);
afterAll(() => cleanup(work));

let packedFiles: string[] = [];

interface AttwProblem {
  kind: string;
  entrypoint: string;
  resolutionKind?: string;
}

/**
 * Runs attw on a tarball; returns its exit code and the problems the esm-only profile counts
 * (its JSON lists node10 and require() results too, which that profile ignores: svc-gen is ESM-only).
 */
function attw(target: string): { status: number | null; problems: AttwProblem[] } {
  const r = spawnSync(process.execPath, [ATTW, target, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
  let json: { problems?: Record<string, AttwProblem[]> };
  try {
    json = JSON.parse(r.stdout) as { problems?: Record<string, AttwProblem[]> };
  } catch {
    throw new Error(`attw printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const problems = Object.values(json.problems ?? {})
    .flat()
    .filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
  return { status: r.status, problems };
}

describe('published shape', () => {
  it('the tarball holds the CLI, both entry points with their types, and the templates, and no tests or sources', () => {
    for (const f of [
      'bin/svc-gen.js',
      'dist/generator/index.js',
      'dist/generator/index.d.ts',
      'dist/generator/runtime.js',
      'dist/generator/runtime.d.ts',
      'dist/generator/cli/bin-entry.js',
      'templates/client.ts.hbs',
      'templates/index.ts.hbs',
      'package.json',
      'LICENSE',
    ]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(test|generator|runtime|specs|bench)\//.test(f))).toEqual([]);
  });

  it('attw --profile esm-only finds no problem', () => {
    const r = attw(tarball);
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('attw does flag a tarball whose exports point types at nothing (the check can fail)', () => {
    const dir = path.join(work, 'broken');
    mkdirSync(dir);
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const pkgFile = path.join(dir, 'package/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    pkg.exports['./runtime'] = { types: './dist/generator/missing.d.ts', default: './dist/generator/runtime.js' };
    writeFileSync(pkgFile, JSON.stringify(pkg));
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: path.join(dir, 'package'), encoding: 'utf8' }),
    ) as { filename: string }[];
    const r = attw(path.join(dir, packed[0]?.filename ?? ''));
    expect(r.status).not.toBe(0);
    expect(r.problems.map((p) => [p.entrypoint, p.resolutionKind])).toContainEqual(['./runtime', 'node16-esm']);
  });

  it('exports: types first, every target exists after the build; lint:package runs attw --pack', () => {
    for (const [entry, target] of Object.entries(PKG.exports)) {
      if (typeof target === 'string') {
        expect(existsSync(path.join(ROOT, target)), entry).toBe(true);
        continue;
      }
      const conditions = Object.entries(target as Record<string, string>);
      expect(conditions[0]?.[0], entry).toBe('types');
      for (const [, file] of conditions) expect(existsSync(path.join(ROOT, file)), `${entry} → ${file}`).toBe(true);
    }
    expect(PKG.scripts['lint:package']).toBe('attw --pack . --profile esm-only && attw --pack runtime');
  });
});

describe('engines', () => {
  const floor = (range: string) => {
    const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
    if (!m) throw new Error(`cannot read engines range ${JSON.stringify(range)}`);
    return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] as const;
  };
  const atLeast = (a: readonly number[], b: readonly number[]) => a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! >= b[2]!)));

  it('declares a Node floor no lower than any dependency needs', () => {
    const ours = floor(PKG.engines.node);
    for (const dep of Object.keys(PKG.dependencies)) {
      const theirs = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node;
      if (theirs === undefined || !theirs.trim().startsWith('>=')) continue;
      expect(atLeast(ours, floor(theirs)), `${dep} needs node ${theirs}; package.json says ${PKG.engines.node}`).toBe(true);
    }
  });

  it('the Node running these tests satisfies it (Node 20 here)', () => {
    expect(atLeast(process.versions.node.split('.').map(Number), floor(PKG.engines.node))).toBe(true);
  });
});

describe('a consumer of the built package', () => {
  let consumer: string;

  beforeAll(async () => {
    ensureRuntimeBuilt();
    // Inside the repo (test/**/out is ignored by git) so that the consumer's node_modules/svc-gen
    // symlink and the repo's node_modules (undici, @types/node) both resolve as they would in an app.
    const base = path.join(ROOT, 'test/generator/out');
    mkdirSync(base, { recursive: true });
    consumer = mkdtempSync(path.join(base, 'consumer-'));
    mkdirSync(path.join(consumer, 'node_modules'));
    symlinkSync(ROOT, path.join(consumer, 'node_modules/svc-gen'), 'dir');
    writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "type": "module", "private": true }\n');
    cpSync(path.join(ROOT, 'specs'), path.join(consumer, 'specs'), { recursive: true });
    await generate({ cwd: consumer, out: 'clients', inputs: ['specs'], services: { user: { spec: 'specs/user.yaml', retryCount: 1, timeout: 1500 } } });
    writeFileSync(path.join(consumer, 'app.ts'), CONSUMER);
  }, 60_000);
  afterAll(() => rmSync(consumer, { recursive: true, force: true }));

  const strict: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noUnusedLocals: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: false,
    noEmit: true,
    types: ['node'],
  };
  const nodeNext = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const bundler = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const lax = { strict: false, noUncheckedIndexedAccess: false, exactOptionalPropertyTypes: false, noUnusedLocals: false };

  /** [name, options] */
  const configs: [string, ts.CompilerOptions][] = [
    ['NodeNext, strict', { ...strict, ...nodeNext }],
    ['Bundler, strict', { ...strict, ...bundler }],
    ['NodeNext, not strict', { ...strict, ...nodeNext, ...lax }],
    ['Bundler, not strict', { ...strict, ...bundler, ...lax }],
  ];

  it.each(configs)('type-checks under %s, with types from dist/', (_name, options) => {
    const files = [path.join(consumer, 'app.ts'), ...tsFilesUnder(path.join(consumer, 'clients'))];
    const program = ts.createProgram(files, { ...options, typeRoots: [path.join(ROOT, 'node_modules/@types')] });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter(
        (d) =>
          !d.file || !d.file.fileName.includes(`${path.sep}node_modules${path.sep}`) || d.file.fileName.includes(`node_modules${path.sep}svc-gen${path.sep}`),
      )
      .map((d) => `${d.file ? path.relative(ROOT, d.file.fileName) : ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(diagnostics).toEqual([]);
    // Resolved through the package's exports to the built declarations, not to the sources.
    // app.ts is an ES module (the consumer's package.json says so): resolved as its imports are.
    const resolved = ['svc-gen/runtime', 'svc-gen', '@svc-gen/runtime'].map(
      (name) =>
        ts.resolveModuleName(name, path.join(consumer, 'app.ts'), options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext).resolvedModule?.resolvedFileName,
    );
    expect(resolved.map((f) => f && path.relative(ROOT, ts.sys.realpath?.(f) ?? f))).toEqual([
      'dist/generator/runtime.d.ts',
      'dist/generator/index.d.ts',
      'runtime/dist/esm/index.d.ts',
    ]);
  });

  it('the @ts-expect-error lines are real errors (the check can fail)', () => {
    const broken = path.join(consumer, 'broken.ts');
    writeFileSync(broken, CONSUMER.replace(/\/\/ @ts-expect-error[^\n]*\n/g, ''));
    const program = ts.createProgram([broken], { ...strict, ...nodeNext, typeRoots: [path.join(ROOT, 'node_modules/@types')] });
    const codes = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === broken)
      .map((d) => d.code);
    rmSync(broken);
    expect(codes.length).toBeGreaterThanOrEqual(3);
  });

  it('imports at run time through the exports map', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const rt = await import('svc-gen/runtime'); const own = await import('@svc-gen/runtime'); const api = await import('svc-gen'); console.log(typeof rt.configure, rt.configure === own.configure, typeof api.generate, typeof api.loadConfig);",
      ],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function true function function');
  });
});

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** A small app on the generated clients, the runtime and the generator API. */
const CONSUMER = `import { APIException, configure, type Settings } from 'svc-gen/runtime';
import { generate, type GenerateOptions, type JsonReport, type SvcGenConfig } from 'svc-gen';
import { getService, UserService, type ServiceName } from './clients/index.js';
import { serviceDefaults } from './clients/defaults.js';

const settings: Settings = {
  serviceName: 'gateway',
  serviceConnections: ['user', 'order'],
  services: { ...serviceDefaults, order: { url: 'http://127.0.0.1:9000' } },
};
configure(settings);

export async function userName(id: string): Promise<string> {
  const users: UserService = getService('user');
  try {
    const user = await users.getUser({ path: { userId: id } });
    return user.name;
  } catch (e) {
    if (e instanceof APIException) return \`error \${e.statusCode}\`;
    throw e;
  }
}

export const names: ServiceName[] = ['user', 'order', 'payment', 'notification'];
export const timeout: 1500 = serviceDefaults.user.timeout;
export const config: SvcGenConfig = { inputs: ['specs'], out: 'clients', services: { user: { spec: 'specs/user.yaml', operationIds: ['get_user'] } } };
export async function regenerate(options: GenerateOptions): Promise<number> {
  const result = await generate(options);
  const report: Pick<JsonReport, 'ok'> = { ok: result.check?.upToDate ?? true };
  return report.ok ? result.services.length : -1;
}

// @ts-expect-error not a service with a spec
getService('inventory');
// @ts-expect-error userId is required
void getService('user').getUser({ path: {} });
// @ts-expect-error timeout is not a string
configure({ services: { user: { timeout: '1s' } } });
`;
