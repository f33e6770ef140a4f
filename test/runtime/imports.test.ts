/** `svc-gen/runtime` (and so `@svc-gen/runtime`) loads none of the generator or its dependencies (nor OpenTelemetry unless present). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('importing svc-gen/runtime loads only the runtime and its own small dependencies', () => {
  const script = fileURLToPath(new URL('../fixtures/import-runtime.mjs', import.meta.url));
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  expect(child.stderr).toBe('');
  const { packages, own } = JSON.parse(child.stdout) as { packages: string[]; own: string[] };
  // undici (transport); @opentelemetry/api only because it is installed here. jose (identity
  // token, ESM-only) is loaded by the first signed call, with import(), so the CommonJS build can too.
  expect(packages).toEqual(['@opentelemetry/api', 'undici']);
  expect(own.length).toBeGreaterThan(5);
  // svc-gen/runtime is a re-export of @svc-gen/runtime (runtime/dist/esm, linked by the workspace).
  expect(own.filter((file) => !file.startsWith('dist/esm/'))).toEqual(['dist/generator/runtime.js']);
  for (const heavy of ['typescript', 'handlebars', 'commander', 'openapi-typescript', '@redocly/openapi-core', 'yaml', 'swagger2openapi']) {
    expect(packages).not.toContain(heavy);
  }
});

test('without @opentelemetry/api installed, calls work and nothing of OpenTelemetry is loaded', async () => {
  // A consumer whose node_modules holds only the runtime's own dependencies.
  const { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const app = mkdtempSync(path.join(tmpdir(), 'svc-gen-no-otel-'));
  try {
    cpSync(path.join(root, 'runtime', 'dist', 'esm'), path.join(app, 'runtime'), { recursive: true });
    mkdirSync(path.join(app, 'node_modules'));
    for (const dep of ['undici', 'jose']) symlinkSync(path.join(root, 'node_modules', dep), path.join(app, 'node_modules', dep));
    writeFileSync(path.join(app, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      path.join(app, 'main.js'),
      `import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { closeAll, configure, getService } from './runtime/index.js';
const server = createServer((req, res) => res.end(JSON.stringify({ traceparent: req.headers.traceparent ?? null })));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
configure({ serviceConnections: ['x'], services: { x: { url: 'http://127.0.0.1:' + server.address().port } } });
const body = await getService('x').httpDispatch('GET', '/');
await closeAll();
server.close();
const otel = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('opentelemetry'));
console.log(JSON.stringify({ body, otel }));
`,
    );
    const child = spawnSync(process.execPath, [path.join(app, 'main.js')], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ body: '{"traceparent":null}', otel: [] });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
