/**
 * Two copies of the built runtime in one process (an app's node_modules and a library's nested
 * node_modules, and the ESM and CommonJS builds side by side) share one configuration, registry
 * and request context; a copy whose shared state has another layout fails on its first call,
 * naming both copies. Run in a child process on copies of runtime/dist, against a real server.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureRuntimeBuilt } from '../helpers/runtime-dist.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let app: string;

/** Copies the built runtime package (package.json + dist) to `dir`. */
function installCopy(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(ROOT, 'runtime/package.json'), path.join(dir, 'package.json'));
  cpSync(path.join(ROOT, 'runtime/dist'), path.join(dir, 'dist'), { recursive: true });
}

beforeAll(() => {
  ensureRuntimeBuilt();
  app = mkdtempSync(path.join(tmpdir(), 'svc-gen-two-copies-'));
  const modules = path.join(app, 'node_modules');
  installCopy(path.join(modules, '@svc-gen/runtime'));
  installCopy(path.join(modules, 'lib/node_modules/@svc-gen/runtime'));
  for (const dep of ['undici', 'jose']) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir');
  writeFileSync(path.join(modules, 'lib/package.json'), '{ "name": "lib", "type": "module", "exports": { ".": "./index.js", "./cjs": "./index.cjs" } }\n');
  writeFileSync(path.join(modules, 'lib/index.js'), "export * from '@svc-gen/runtime';\n");
  writeFileSync(path.join(modules, 'lib/index.cjs'), "module.exports = require('@svc-gen/runtime');\n");
  writeFileSync(path.join(app, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(path.join(app, 'main.js'), MAIN);
}, 120_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

function run(): { status: number | null; stderr: string; out: Record<string, unknown> } {
  const child = spawnSync(process.execPath, [path.join(app, 'main.js')], { cwd: app, encoding: 'utf8', timeout: 30_000 });
  let out: Record<string, unknown> = {};
  try {
    out = JSON.parse(child.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`no JSON from the app (exit ${child.status}):\n${child.stdout}\n${child.stderr}`);
  }
  return { status: child.status, stderr: child.stderr, out };
}

test('the copies are distinct modules, yet configure() through one is what the others see', () => {
  const { status, stderr, out } = run();
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(out).toEqual({
    distinct: true,
    known: [['user'], ['user'], ['user']],
    sameService: true,
    body: { path: '/hello', requestId: 'req-7' },
    instanceofAcross: true,
  });
});

test('a copy whose shared state has another layout fails on its first call, naming both copies', () => {
  const state = path.join(app, 'node_modules/lib/node_modules/@svc-gen/runtime/dist/esm/state.js');
  const source = readFileSync(state, 'utf8');
  expect(source).toMatch(/const LAYOUT = 1;/);
  writeFileSync(state, source.replace(/const LAYOUT = 1;/, 'const LAYOUT = 2;'));
  try {
    const { status, out } = run();
    expect(status).toBe(0);
    const message = String(out.error);
    expect(message).toMatch(/^Two copies of @svc-gen\/runtime are loaded in this process and cannot share their configuration: /);
    expect(message).toContain(`file://${app}/node_modules/@svc-gen/runtime/dist/esm/here.js (state layout 1)`);
    expect(message).toContain(`file://${app}/node_modules/lib/node_modules/@svc-gen/runtime/dist/esm/here.js (state layout 2)`);
    expect(out.firstCopyStillWorks).toEqual(['user']);
  } finally {
    writeFileSync(state, source);
  }
});

/** The app: copy A (its own), copy B (the library's, ESM) and copy B's CommonJS build. */
const MAIN = `import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import * as a from '@svc-gen/runtime';
import * as b from 'lib';
const bCjs = createRequire(import.meta.url)('lib/cjs');

const server = createServer((req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ path: req.url, requestId: req.headers['x-insanic-request-id'] })));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const out = {};
try {
  a.configure({ serviceConnections: ['user'], services: { user: { url: 'http://127.0.0.1:' + server.address().port } } });
  out.distinct = a.configure !== b.configure && b.configure !== bCjs.configure;
  out.known = [a.knownServices(), b.knownServices(), bCjs.knownServices()];
  out.sameService = b.getService('user') === a.getService('user') && bCjs.getService('user') === a.getService('user');
  // The context set through copy A is seen by a call made through copy B's CommonJS build.
  out.body = await a.runWithContext({ requestId: 'req-7' }, () => bCjs.getService('user').httpDispatch('GET', '/hello'));
  out.instanceofAcross = await bCjs.getService('user').httpDispatch('BREW', '/x').then(() => false, (e) => e instanceof a.APIException);
  await b.closeAll();
} catch (error) {
  out.error = error.message;
  out.firstCopyStillWorks = a.knownServices();
}
server.close();
console.log(JSON.stringify(out));
`;
