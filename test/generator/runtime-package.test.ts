/**
 * The published @svc-gen/runtime (ESM + CommonJS): its tarball holds only the built code; `attw` is
 * clean for node10, node16 (from CJS and from ESM) and bundler; installed alone with --omit=dev in a
 * fresh project it brings only undici and jose; a CommonJS consumer (require) and an ESM consumer
 * each type-check a generated client against the installed declarations, compile it, and call a
 * real server with it. (svc-gen's own tarball: package.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { ensureRuntimeBuilt } from '../helpers/runtime-dist.js';
import { cleanup, tempDir } from './helpers/fs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ATTW = path.join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const RUNTIME_PKG = JSON.parse(readFileSync(path.join(ROOT, 'runtime/package.json'), 'utf8')) as { dependencies: Record<string, string> };

let work: string;
let tarball: string;
let packedFiles: string[] = [];

beforeAll(() => {
  ensureRuntimeBuilt();
  work = tempDir('svc-gen-runtime-package-');
  // --ignore-scripts: dist/ is already built, and a concurrent rebuild would race other test files reading it.
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: path.join(ROOT, 'runtime'), encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, packed[0]?.filename ?? '');
  packedFiles = (packed[0]?.files ?? []).map((f) => f.path);
}, 120_000);
afterAll(() => cleanup(work));

describe('the runtime tarball', () => {
  it('holds both builds with their types, and no sources or build files', () => {
    for (const f of [
      'package.json',
      'LICENSE',
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/esm/fetch.js',
      'dist/cjs/index.js',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
    ])
      expect(packedFiles).toContain(f);
    expect(packedFiles.filter((f) => !f.startsWith('dist/esm/') && !f.startsWith('dist/cjs/'))).toEqual(['LICENSE', 'package.json']);
    expect(packedFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('attw finds no problem for node10, node16 from CJS and from ESM, and bundler', () => {
    const r = spawnSync(process.execPath, [ATTW, tarball, '--format', 'json'], { encoding: 'utf8' });
    const json = JSON.parse(r.stdout) as {
      problems?: Record<string, unknown[]>;
      analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }> };
    };
    expect(Object.values(json.problems ?? {}).flat()).toEqual([]);
    expect(r.status).toBe(0);
    const resolutions = json.analysis.entrypoints['.']?.resolutions ?? {};
    expect(
      Object.fromEntries(Object.entries(resolutions).map(([kind, r]) => [kind, r.resolution?.fileName.replace(/^\/node_modules\/@svc-gen\/runtime\//, '')])),
    ).toEqual({
      node10: 'dist/cjs/index.d.ts',
      'node16-cjs': 'dist/cjs/index.d.ts',
      'node16-esm': 'dist/esm/index.d.ts',
      bundler: 'dist/esm/index.d.ts',
    });
  });
});

describe('a fresh project that installs the runtime tarball alone', () => {
  let project: string;

  beforeAll(async () => {
    project = tempDir('svc-gen-runtime-consumer-');
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    // Dependencies come from the npm cache when there, else from the registry.
    execFileSync(npm, ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    cpSync(path.join(ROOT, 'specs'), path.join(project, 'specs'), { recursive: true });
    for (const [dir, type] of [
      ['cjs', 'commonjs'],
      ['esm', 'module'],
    ] as const) {
      await generate({
        cwd: project,
        out: `${dir}/clients`,
        inputs: ['specs'],
        refRoot: 'specs',
        services: { user: { spec: 'specs/user.yaml', retryCount: 1 } },
      });
      writeFileSync(path.join(project, dir, 'package.json'), `{ "type": "${type}" }\n`);
    }
  }, 240_000);
  afterAll(() => cleanup(project));

  it('gets only the runtime and its dependencies (undici, jose; not the optional OpenTelemetry peer)', () => {
    const lock = JSON.parse(readFileSync(path.join(project, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    expect(Object.keys(lock.packages).sort()).toEqual(['node_modules/@svc-gen/runtime', 'node_modules/jose', 'node_modules/undici']);
    for (const [dep, version] of Object.entries(RUNTIME_PKG.dependencies)) expect(lock.packages[`node_modules/${dep}`]?.version).toBe(version);
  });

  it.each([
    [
      'a CommonJS',
      'cjs',
      'dist/cjs/index.d.ts',
      'const { createServer } = require("node:http");\nconst { closeAll, configure } = require("@svc-gen/runtime");\nconst { getService } = require("./clients/index.js");\n',
    ],
    [
      'an ESM',
      'esm',
      'dist/esm/index.d.ts',
      'import { createServer } from "node:http";\nimport { closeAll, configure } from "@svc-gen/runtime";\nimport { getService } from "./clients/index.js";\n',
    ],
  ])('%s consumer type-checks the generated client under strict and calls a real server with it', (_name, dir, types, imports) => {
    const files = readdirTs(path.join(project, dir, 'clients'));
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
    };
    const program = ts.createProgram(files, options);
    // The runtime's declarations are checked too; other packages' own declarations are theirs.
    const nodeModules = `${path.sep}node_modules${path.sep}`;
    const ours = (file: string) => !file.includes(nodeModules) || file.includes(`${nodeModules}@svc-gen${path.sep}runtime${path.sep}`);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || ours(d.file.fileName))
      .map((d) => `${d.file ? path.relative(project, d.file.fileName) : ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(diagnostics).toEqual([]);
    // Each file's format comes from its package.json "type"; the runtime's types from the matching condition.
    const format = program.getSourceFile(files[0] ?? '')?.impliedNodeFormat;
    expect(format).toBe(dir === 'cjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext);
    const resolved =
      ts.resolveModuleName('@svc-gen/runtime', files[0] ?? '', options, ts.sys, undefined, undefined, format).resolvedModule?.resolvedFileName ?? '';
    expect(path.relative(project, resolved)).toBe(`node_modules/@svc-gen/runtime/${types}`);
    expect(program.emit().emitSkipped).toBe(false);
    const emitted = readFileSync(path.join(project, dir, 'clients/user/client.js'), 'utf8');
    expect(emitted.includes('require("@svc-gen/runtime")')).toBe(dir === 'cjs');
    writeFileSync(path.join(project, dir, 'app.js'), imports + APP);
    const r = spawnSync(process.execPath, [path.join(project, dir, 'app.js')], { cwd: project, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ user: { id: '42', name: 'Ada' }, path: '/users/42', format: dir });
  });
});

function readdirTs(dir: string): string[] {
  return ts.sys.readDirectory(dir, ['.ts']).filter((f) => !f.endsWith('.d.ts'));
}

/** The app body after its imports: a real server, the registry pointed at it, one generated call. */
const APP = `const seen = [];
const server = createServer((req, res) => {
  seen.push(req.url);
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ id: "42", name: "Ada" }));
});
server.listen(0, "127.0.0.1", async () => {
  configure({ serviceConnections: ["user"], services: { user: { url: "http://127.0.0.1:" + server.address().port } } });
  const user = await getService("user").getUser({ path: { userId: "42" } });
  await closeAll();
  server.close();
  console.log(JSON.stringify({ user, path: seen[0], format: typeof module === "object" && typeof exports === "object" ? "cjs" : "esm" }));
});
`;
