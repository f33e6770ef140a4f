/**
 * Property: for a small spec whose every string field is drawn from hostile text (comment closers,
 * quotes, backticks, `${…}`, line terminators, `</script>`, `__proto__`, reserved words, non-ASCII,
 * lone surrogates, control characters), svc-gen either refuses it with an `SvcGenInputError` or
 * generates code that parses, holds no code from the spec, type-checks under strict settings,
 * imports in a fresh process without setting a global or creating a file, and sends exactly the
 * spec's path and query. Time-boxed: at most RUNS specs or TIME_LIMIT_MS of generating, then one
 * type-check and one child process for all of them.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSvcGenInputError } from '../../generator/index.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { cleanup, ensureDir, tempDir } from './helpers/fs.js';
import { buildClients, childImport, codeOnly, injectedCode, wirePath } from './helpers/injection.js';
import { ensureBuilt, ROOT } from './helpers/processes.js';
import { formatDiagnostics, tsFiles, typecheck } from './helpers/typecheck.js';

/** Defaults sized for `npm test`; raise them locally (SVCGEN_PROPERTY_RUNS=500 SVCGEN_PROPERTY_MS=120000) to search longer. */
const RUNS = Number(process.env['SVCGEN_PROPERTY_RUNS'] ?? 40);
const TIME_LIMIT_MS = Number(process.env['SVCGEN_PROPERTY_MS'] ?? 8000);

const TOKENS = [
  '*/',
  '/*',
  '"',
  "'",
  '`',
  '${globalThis.pwned=1}',
  '\u2028',
  '\u2029',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '</script>',
  '<!--',
  '__proto__',
  'constructor',
  'prototype',
  'delete',
  'class',
  'ünï',
  '日本',
  '🙂',
  '\\',
  '@deprecated',
  '%',
  '%41',
  '#',
  '?',
  '~1',
  ' ',
  '/',
  '{x}',
];
/** Any text, lone surrogates included (JSON carries them as `\ud800`). */
const text = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((p) => p.join(''));
/** Text that can go on the wire (a parameter name or value): well-formed Unicode. */
const wireText = text.filter((s) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false; // a lone surrogate
  }
});

interface Strings {
  title: string;
  description: string;
  version: string;
  tag: string;
  server: string;
  operationId: string;
  summary: string;
  opDescription: string;
  segment: string;
  queryName: string;
  queryDescription: string;
  enumValue: string;
  defaultValue: string;
  example: string;
  propName: string;
  propDescription: string;
  schemaName: string;
  responseDescription: string;
  extension: string;
}
const strings: fc.Arbitrary<Strings> = fc.record({
  title: text,
  description: text,
  version: text,
  tag: text,
  server: text,
  operationId: text,
  summary: text,
  opDescription: text,
  segment: text,
  queryName: wireText,
  queryDescription: text,
  enumValue: wireText,
  defaultValue: text,
  example: text,
  propName: text,
  propDescription: text,
  schemaName: wireText.filter((n) => n !== ''), // `#/components/schemas/` would be the map itself
  responseDescription: text,
  extension: text,
});

/** The spec's path: a static segment (braces dropped: every placeholder must be declared) then `{id}`. */
const pathOf = (s: Strings): string => `/p${s.segment.replace(/[{}]/g, '')}/{id}`;
const ID = 'a/b ?#%zz';

function spec(s: Strings): object {
  const pointer = encodeURIComponent(s.schemaName.replace(/~/g, '~0').replace(/\//g, '~1'));
  return {
    openapi: '3.1.0',
    info: { title: s.title, description: s.description, version: s.version, 'x-ext': s.extension },
    servers: [{ url: s.server, description: s.description }],
    tags: [{ name: s.tag, description: s.description }],
    paths: {
      [pathOf(s)]: {
        get: {
          operationId: s.operationId,
          summary: s.summary,
          description: s.opDescription,
          tags: [s.tag],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: s.queryName,
              in: 'query',
              required: true,
              description: s.queryDescription,
              schema: { type: 'string', enum: [s.enumValue, 'plain'], default: s.defaultValue, example: s.example },
            },
          ],
          responses: {
            '200': { description: s.responseDescription, content: { 'application/json': { schema: { $ref: `#/components/schemas/${pointer}` } } } },
            '204': { description: s.responseDescription },
          },
        },
      },
    },
    components: {
      schemas: {
        [s.schemaName]: {
          type: 'object',
          description: s.propDescription,
          required: [s.propName],
          properties: { [s.propName]: { type: 'string', description: s.propDescription, enum: [s.enumValue], default: s.defaultValue, example: s.example } },
        },
      },
    },
  };
}

interface Generated {
  readonly strings: Strings;
  readonly service: string;
  readonly index: string;
  readonly method: string;
}

let work: string;
let root: string;
let server: TestServer;
beforeAll(async () => {
  ensureBuilt();
  work = tempDir();
  root = path.join(ensureDir(fileURLToPath(new URL('./out/', import.meta.url))), `hardening-property-${process.pid}`);
  server = await startServer((_req, res) => {
    res.statusCode = 204;
    res.end();
  });
});
afterAll(async () => {
  await server.close();
  cleanup(work);
  cleanup(root);
});

describe('any hostile string in any field', () => {
  it('is refused clearly, or generates inert code that compiles, imports cleanly and sends the spec path', {
    timeout: 90_000 + TIME_LIMIT_MS * 2,
  }, async () => {
    const generated: Generated[] = [];
    const refused: string[] = [];
    let n = 0;
    // interruptAfterTimeLimit returns without awaiting the run in flight; that run would still write
    // run<i>/ and push to `generated` after the plan below was made, so it is awaited (and must pass).
    let inFlight: Promise<void> = Promise.resolve();
    const runOne = async (s: Strings): Promise<void> => {
      {
        const i = n++;
        const file = path.join(work, `svc${i}.json`);
        writeFileSync(file, JSON.stringify(spec(s)));
        const out = path.join(root, `run${i}`);
        try {
          await buildClients([file], out);
        } catch (e) {
          // Refusing is allowed; crashing or an unexplained error is not.
          expect(isSvcGenInputError(e), String((e as Error)?.stack ?? e)).toBe(true);
          refused.push((e as Error).message.split(': ').slice(1).join(': '));
          return;
        }
        for (const f of tsFiles(out)) {
          const code = readFileSync(f, 'utf8');
          expect(injectedCode(f, code), f).toEqual([]);
          expect(code).not.toMatch(/[\u2028\u2029\u0000]|<\/script/i);
          expect(codeOnly(code), f).not.toMatch(/pwned|`|\$\{/);
        }
        const client = readFileSync(path.join(out, `svc${i}/client.ts`), 'utf8');
        const method = /^"([A-Za-z_$][\w$]*)":\{"operationId":/m.exec(client)?.[1];
        expect(method).toBeDefined();
        generated.push({ strings: s, service: `svc${i}`, index: path.join(out, 'index.js'), method: method ?? '' });
      }
    };
    await fc.assert(
      fc.asyncProperty(strings, (s) => (inFlight = runOne(s))),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    await inFlight;
    if (process.env['SVCGEN_PROPERTY_REPORT'])
      console.log(
        `property: ${n} specs, ${generated.length} generated, ${refused.length} refused:\n${[...new Set(refused.map((r) => r.replace(/"[^"]*"/g, '…')))].join('\n')}`,
      );
    // Not vacuous: most hostile specs generate (the rest are refused with a reason).
    expect(generated.length, `refused: ${refused.join('\n')}`).toBeGreaterThanOrEqual(Math.min(10, n));

    const diagnostics = typecheck(root);
    rmSync(path.join(root, 'package.json')); // typecheck's; the child must see the repo's package.json
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);

    const report = await childImport(work, {
      url: server.url,
      watch: [
        { dir: root, recursive: true },
        { dir: work, recursive: true },
        { dir: ROOT, recursive: false },
      ],
      modules: generated.map((g) => ({
        file: g.index,
        service: g.service,
        calls: [{ method: g.method, params: { path: { id: ID }, query: { [g.strings.queryName]: g.strings.enumValue } } }],
      })),
    });
    expect(report.afterImport).toEqual({ globals: { added: [], removed: [] }, files: { added: [], removed: [] }, prototype: { added: [], removed: [] } });
    expect(report.afterCalls).toEqual({ globals: { added: [], removed: [] }, files: { added: [], removed: [] } });
    expect(report.results).toEqual(generated.map(() => ({ ok: true })));
    expect(server.received.map((r) => r.url)).toEqual(
      generated.map((g) => `${wirePath(pathOf(g.strings), { id: ID })}?${encodeURIComponent(g.strings.queryName)}=${encodeURIComponent(g.strings.enumValue)}`),
    );
  });
});
