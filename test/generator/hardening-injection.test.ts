/**
 * Injection, every string field at once (test/fixtures/hardening/hostile-all.ts): the generated
 * code compiles under strict settings, holds no code from the spec, shows spec text only escaped;
 * importing it in a fresh node process sets no global, touches no prototype and creates no file;
 * and the runtime sends exactly the spec's path, byte for byte where a URL path can hold it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelCase, kebabCase } from '../../generator/model/names.js';
import { hostileAll, P, PATH_HOSTILE, PATH_PLAIN, PATH_PROTO, QUERY } from '../fixtures/hardening/hostile-all.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { cleanup, ensureDir, tempDir } from './helpers/fs.js';
import { buildClients, childImport, codeOnly, injectedCode, wirePath } from './helpers/injection.js';
import { ensureBuilt, ROOT } from './helpers/processes.js';
import { formatDiagnostics, tsFiles, typecheck } from './helpers/typecheck.js';

const SERVICE = kebabCase(`hostile ${P}`);
let work: string;
let out: string;
let server: TestServer;

beforeAll(async () => {
  ensureBuilt();
  work = tempDir();
  writeFileSync(path.join(work, 'hostile.json'), JSON.stringify(hostileAll, null, 2));
  // Inside the repo (git-ignored), so `svc-gen/runtime` resolves to dist/ through the package's self-reference.
  out = path.join(ensureDir(fileURLToPath(new URL('./out/', import.meta.url))), `hardening-injection-${process.pid}`);
  await buildClients([path.join(work, 'hostile.json')], out);
  server = await startServer((_req, res) => {
    res.statusCode = 204;
    res.end();
  });
}, 60_000);
afterAll(async () => {
  await server.close();
  cleanup(work);
  cleanup(out);
});

const sources = () => tsFiles(out).map((file) => ({ file: path.relative(out, file), text: readFileSync(file, 'utf8') }));

describe('every string field hostile', () => {
  it('generates the service, with safe method names', () => {
    expect(SERVICE).toMatch(/^hostile-[a-z0-9-]+$/);
    const api = readFileSync(path.join(out, SERVICE, 'api.d.ts'), 'utf8');
    for (const method of [camelCase(P), 'delete_', 'constructor_', 'proto']) expect(api).toContain(`  ${method}<const O extends $CallOptions = {}>(`);
    const client = readFileSync(path.join(out, SERVICE, 'client.ts'), 'utf8');
    for (const method of [camelCase(P), 'delete_', 'constructor_', 'proto']) expect(client).toContain(`\n"${method}":{"operationId":`);
  });

  it('contains no code from the spec, and spec text only escaped', () => {
    for (const { file, text } of sources()) {
      expect(injectedCode(file, text), file).toEqual([]);
      expect(text, file).not.toMatch(/<\/script/i);
      expect(text, file).not.toMatch(/[\u2028\u2029\u0000]/);
      expect(text, file).not.toContain(P);
      expect(codeOnly(text), file).not.toMatch(/pwned|`|\$\{|<!--/);
    }
    // A description saying "@deprecated" does not deprecate anything.
    for (const file of ['client.ts', 'api.d.ts']) expect(readFileSync(path.join(out, SERVICE, file), 'utf8')).not.toMatch(/^\s*\* @deprecated/m);
  });

  it('compiles under strict settings, the hostile names and values typed as the spec says', () => {
    const T = camelCase(P).charAt(0).toUpperCase() + camelCase(P).slice(1);
    writeFileSync(
      path.join(out, 'usage.ts'),
      [
        `import type { ${T}Params, ${T}Success } from './${SERVICE}/client.js';`,
        `import type { components } from './${SERVICE}/types.js';`,
        `export const query: ${T}Params['query'] = { ${JSON.stringify(QUERY)}: ${JSON.stringify(P)} };`,
        '// @ts-expect-error not one of the enum values',
        `export const bad: ${T}Params['query'] = { ${JSON.stringify(QUERY)}: 'other' };`,
        `export const item: ${T}Success = { ${JSON.stringify(P)}: 'x', kind: 'plain', ['__proto__']: 'p', constructor: 1, 'ünï日本🙂': true, '<<': 'm' };`,
        `export const named: components['schemas'][${JSON.stringify(`S ${P}`)}] = ${JSON.stringify(P)};`,
        '',
      ].join('\n'),
    );
    try {
      const diagnostics = typecheck(out);
      expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
    } finally {
      rmSync(path.join(out, 'usage.ts'));
      rmSync(path.join(out, 'package.json')); // typecheck's; the child below must see the repo's package.json
    }
  });

  it('imported in a fresh process: no global, no prototype change, no file; calls send exactly the spec path', async () => {
    const id = `a/${P}`;
    const calls = [
      { method: camelCase(P), params: { path: { id }, query: { [QUERY]: P } } },
      { method: 'delete_', params: { path: { id: P }, body: { [P]: 'x', kind: 'plain' } } },
      { method: 'constructor_', params: { path: { default: 'class' } } },
      { method: 'proto' },
    ];
    const report = await childImport(work, {
      url: server.url,
      watch: [
        { dir: out, recursive: true },
        { dir: work, recursive: true },
        { dir: ROOT, recursive: false },
      ],
      modules: [{ file: path.join(out, 'index.js'), service: SERVICE, calls }],
    });
    expect(report.afterImport).toEqual({ globals: { added: [], removed: [] }, files: { added: [], removed: [] }, prototype: { added: [], removed: [] } });
    expect(report.afterCalls).toEqual({ globals: { added: [], removed: [] }, files: { added: [], removed: [] } });
    expect(report.pwned).toBeNull();
    expect(report.results).toEqual(calls.map(() => ({ ok: true })));

    // The path template as sent: static text byte for byte where a URL path can hold it
    // (PATH_PLAIN is all such text), the rest percent-encoded as UTF-8; parameters as the runtime
    // encodes them (encodeURIComponent).
    expect(wirePath(PATH_PLAIN, { id: 'x' })).toBe(PATH_PLAIN.replace('{id}', 'x'));
    const urls = server.received.map((r) => r.url);
    expect(urls).toEqual([
      `${PATH_PLAIN.replace('{id}', encodeURIComponent(id))}?${encodeURIComponent(QUERY)}=${encodeURIComponent(P)}`,
      wirePath(PATH_HOSTILE, { id: P }),
      '/class/class',
      PATH_PROTO,
    ]);
    // …and decoding what arrived gives back the spec's text exactly (its `%41` was an escape already).
    expect(decodeURIComponent(urls[1] ?? '')).toBe(PATH_HOSTILE.replace('{id}', P).replace('%41', 'A'));
    expect(server.received.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'GET']);
    expect(JSON.parse(server.received[1]?.body.toString('utf8') ?? '')).toEqual({ [P]: 'x', kind: 'plain' });
    expect(pathToFileURL(out).href).toContain('/test/generator/out/'); // inside the repo, as a consumer's code is
  });
});

describe('the child-process check itself', () => {
  it('sees a global, a prototype change and a file created on import', async () => {
    const evil = path.join(work, 'evil.mjs');
    writeFileSync(
      evil,
      `globalThis.pwned = 1; Object.prototype.polluted = 1; (await import('node:fs')).writeFileSync(${JSON.stringify(path.join(work, 'dropped.txt'))}, 'x'); export const getService = () => ({});\n`,
    );
    const report = await childImport(work, { url: server.url, watch: [{ dir: work, recursive: true }], modules: [{ file: evil, service: 'x', calls: [] }] });
    expect(report.afterImport.globals.added).toEqual(['pwned']);
    expect(report.afterImport.prototype.added).toEqual(['polluted']);
    expect(report.afterImport.files.added).toEqual([path.join(work, 'dropped.txt')]);
  });
});
