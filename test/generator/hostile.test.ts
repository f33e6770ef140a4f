/**
 * Acceptance: a hostile spec (operationId, descriptions, enum values, a property name and a
 * parameter name full of comment closers, quotes, backticks, `${`, newlines, `</script>` and
 * non-ASCII: the payload of test/fixtures/hardening/hostile-all.ts) produces code that compiles,
 * contains no code but ours, and does exactly what the spec says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAll, configure } from 'svc-gen/runtime';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { camelCase, kebabCase } from '../../generator/model/names.js';
import { P as H, hostileOne as hostileSpec, ONE_OPERATION_ID as OPERATION_ID, ONE_QUERY as QUERY_NAME } from '../fixtures/hardening/hostile-all.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { cleanup, ensureDir, tempDir } from './helpers/fs.js';
import { codeOnly } from './helpers/injection.js';
import { formatDiagnostics, tsFiles, typecheck } from './helpers/typecheck.js';

const OUT_ROOT = fileURLToPath(new URL('./out/', import.meta.url));
let work: string;
let out: string;
let server: TestServer;

beforeAll(async () => {
  work = tempDir();
  writeFileSync(path.join(work, 'hostile.json'), JSON.stringify(hostileSpec, null, 2));
  // Inside the repo (git-ignored) so vitest can import the generated TypeScript.
  out = path.join(ensureDir(OUT_ROOT), `hostile-${process.pid}`);
  await generate({ inputs: [path.join(work, 'hostile.json')], out });
  server = await startServer((_req, res, received) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ echo: received.url, body: JSON.parse(received.body.toString('utf8')) }));
  });
});
afterAll(async () => {
  await closeAll();
  await server.close();
  cleanup(work);
  cleanup(out);
});

const generated = (): { file: string; text: string }[] => tsFiles(out).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('hostile spec', () => {
  it('compiles under strict settings, with the hostile enum value as a literal type', () => {
    const svc = kebabCase(`evil ${H}`);
    const method = camelCase(OPERATION_ID);
    const T = method.charAt(0).toUpperCase() + method.slice(1);
    writeFileSync(
      path.join(out, 'usage.ts'),
      [
        `import type { ${T}Params, ${T}Success } from './${svc}/client.js';`,
        `type Kind = ${T}Params['body']['kind'];`,
        `export const ok: Kind = ${JSON.stringify(H)};`,
        '// @ts-expect-error not one of the enum values',
        "export const bad: Kind = 'other';",
        `export const query: ${T}Params['query'] = { ${JSON.stringify(QUERY_NAME)}: 'plain' };`,
        `export const prop = (s: ${T}Success): string => s[${JSON.stringify(H)}];`,
        '',
      ].join('\n'),
    );
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('contains no code from the spec: no identifier, template or statement it could inject', () => {
    for (const { file, text } of generated().filter((g) => !g.file.endsWith('usage.ts'))) {
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && /pwned|globalThis/.test(node.text)) found.push(`identifier ${node.text}`);
        if (ts.isTemplateLiteral(node)) found.push('template literal');
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) found.push('assignment');
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(found, file).toEqual([]);
    }
  });

  it('shows the raw text only escaped', () => {
    for (const { file, text } of generated().filter((g) => !g.file.endsWith('usage.ts'))) {
      expect(text, file).not.toMatch(/<\/script/i);
      expect(text, file).not.toContain('\u2028');
      expect(text, file).not.toContain(H);
      // Outside comments and string literals there is no trace of the payload: it never became code.
      expect(codeOnly(text), file).not.toMatch(/pwned|`|\$\{|ünï|日本|🙂/);
    }
    // Our JSDoc escapes a leading `@` so a description cannot mark the method @deprecated.
    const client = readFileSync(path.join(out, `${kebabCase(`evil ${H}`)}/client.ts`), 'utf8');
    expect(client).not.toMatch(/^\s*\* @deprecated/m);
  });

  it('does exactly what the spec says at run time', async () => {
    const name = kebabCase(`evil ${H}`);
    configure({ serviceConnections: [name], services: { [name]: { url: server.url } } });
    const mod = (await import(path.join(out, 'index.ts'))) as { getService: (n: string) => Record<string, (...a: unknown[]) => Promise<unknown>> };
    const client = mod.getService(name);
    const method = camelCase(OPERATION_ID);
    expect(typeof client[method]).toBe('function');
    const result = (await client[method]!({ path: { id: `a/${H}` }, query: { [QUERY_NAME]: H }, body: { [H]: H, kind: H } })) as {
      echo: string;
      body: unknown;
    };
    const url = new URL(result.echo, 'http://x');
    expect(url.pathname).toBe(`/it's/${encodeURIComponent(`a/${H}`)}`);
    expect(url.searchParams.get(QUERY_NAME)).toBe(H);
    expect(result.body).toEqual({ [H]: H, kind: H });
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });
});
