/**
 * The layout microservice monorepos use: `specs/<service>/openapi.yaml` sharing `specs/common/*.yaml`
 * through `../common/...` `$ref`s, plus a shared file beside the services in the scanned folder.
 * Inside a repository (a `.git` entry above the specs) it generates and type-checks strict; without
 * one, the boundary is the spec's folder and `--ref-root` / `refRoot` widen it; a `$ref` outside the
 * boundary is refused unread either way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { writeFiles } from './helpers/specs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const SECRET = `OUTSIDE-${process.pid}-${Date.now()}`;

/** A service spec under specs/<name>/ using the shared files. */
const service = (name: string, path_: string) => `openapi: 3.0.3
info: { title: ${name}, version: '1' }
paths:
  ${path_}:
    get:
      operationId: list_${name}
      parameters:
        - $ref: '../common/paging.yaml#/Cursor'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: string } }
        '404': { $ref: '../common/errors.yaml#/NotFound' }
`;

const FILES: Record<string, string> = {
  'specs/billing/openapi.yaml': service('billing', '/invoices'),
  'specs/shipping/openapi.yaml': service('shipping', '/parcels'),
  'specs/common/errors.yaml': `NotFound:
  description: No such thing.
  content:
    application/json:
      schema: { $ref: '#/Problem' }
Problem:
  type: object
  required: [code]
  properties: { code: { type: string }, detail: { type: string } }
`,
  'specs/common/paging.yaml': 'Cursor: { name: cursor, in: query, schema: { type: string } }\n',
  // A shared file beside the services, in the scanned folder itself, and a single-file service using it.
  'specs/problems.yaml': 'Problem:\n  type: object\n  properties: { title: { type: string } }\n',
  'specs/audit.yaml': `openapi: 3.1.0
info: { title: audit, version: '1' }
paths:
  /events:
    get:
      operationId: events
      responses:
        '500':
          description: failed
          content:
            application/json:
              schema: { $ref: './problems.yaml#/Problem' }
`,
  'outside.yaml': `S: { type: string, description: ${SECRET} }\n`,
};

let dir = '';
beforeEach(() => {
  dir = tempDir('svc-gen-monorepo-');
  writeFiles(dir, FILES);
});
afterEach(() => cleanup(dir));

/** Makes `sub` (relative to the temp folder) a repository root, as a clone (`.git/`) or a worktree (`.git` file) is. */
function markRepository(sub: string, as: 'folder' | 'file' = 'folder'): void {
  const git = path.join(dir, sub, '.git');
  if (as === 'folder') mkdirSync(git, { recursive: true });
  else writeFileSync(git, 'gitdir: /elsewhere/.git/worktrees/x\n');
}

describe('inside a repository (nearest .git)', () => {
  it('services sharing ../common generate, the shared file is listed, and the output type-checks strict', async () => {
    markRepository('.');
    const out = path.join(dir, 'clients');
    const result = await generate({ inputs: [path.join(dir, 'specs')], out });
    expect(result.services.map((s) => [s.name, s.operations])).toEqual([
      ['audit', 1],
      ['billing', 1],
      ['shipping', 1],
    ]);
    expect(result.shared).toEqual([path.join(dir, 'specs/problems.yaml')]);
    expect(result.services.find((s) => s.name === 'billing')?.inputs).toEqual([
      path.join(dir, 'specs/billing/openapi.yaml'),
      path.join(dir, 'specs/common/errors.yaml'),
      path.join(dir, 'specs/common/paging.yaml'),
    ]);
    const types = snapshotDir(out)['billing/types.d.ts'] ?? '';
    expect(Buffer.from(types, 'base64').toString()).toMatch(/cursor\?: components\["parameters"\]\["Cursor"\]/);
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('a worktree or submodule (.git is a file) is a repository too', async () => {
    markRepository('.', 'file');
    const result = await generate({ inputs: [path.join(dir, 'specs')], out: path.join(dir, 'clients') });
    expect(result.services.map((s) => s.name)).toEqual(['audit', 'billing', 'shipping']);
  });

  it('the CLI lists the shared file on stderr and in --json, and exits 0', async () => {
    markRepository('.');
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('specs/problems.yaml: shared file (no "openapi" or "swagger" at its top level), not a service\n');
    const json = JSON.parse(run.stdout) as { shared: string[]; services: { key: string }[] };
    expect(json.shared).toEqual(['specs/problems.yaml']);
    expect(json.services.map((s) => s.key)).toEqual(['audit', 'billing', 'shipping']);
  });

  it('a $ref leaving the repository is refused unread, naming the repository and --ref-root', async () => {
    markRepository('specs');
    writeFiles(dir, { 'specs/billing/openapi.yaml': service('billing', '/invoices').replace("'../common/paging.yaml#/Cursor'", "'../../outside.yaml#/S'") });
    const error = await generate({ inputs: [path.join(dir, 'specs/billing')], out: path.join(dir, 'clients') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_UNRESOLVED_REF');
    const text = String(error);
    expect(text).toContain(
      `$ref to ${path.join(dir, 'outside.yaml')} leaves the repository (nearest .git) ${path.join(dir, 'specs')}; svc-gen reads only files inside it: widen it with --ref-root <dir> (or "refRoot" in the config file)`,
    );
    expect(text).not.toContain(SECRET);
  });

  it('a file that does not parse in the scanned folder is still an error', async () => {
    markRepository('.');
    writeFiles(dir, { 'specs/broken.yaml': 'a: [1,\n' });
    const error = await generate({ inputs: [path.join(dir, 'specs')], out: path.join(dir, 'clients') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.problems.map((p) => [p.code, path.basename(p.file)])).toEqual([['SVCGEN_SYNTAX', 'broken.yaml']]);
  });

  it('a shared file named directly (not found by scanning) is not a service: SVCGEN_NOT_OPENAPI', async () => {
    const error = await generate({ inputs: [path.join(dir, 'specs/problems.yaml')], out: path.join(dir, 'clients') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_NOT_OPENAPI');
  });

  it('a folder holding only shared files: SVCGEN_NO_SPECS', async () => {
    const error = await generate({ inputs: [path.join(dir, 'specs/common')], out: path.join(dir, 'clients') }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_NO_SPECS');
  });
});

describe('no repository: the boundary is the spec folder, widened by --ref-root / refRoot', () => {
  it('without either, ../common is refused naming the spec folder and the flag', async () => {
    const run = await svcGenIn(dir, ['specs', '--out', 'clients']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `$ref to ${path.join(dir, 'specs/common/paging.yaml')} leaves the spec's folder ${path.join(dir, 'specs/billing')}; svc-gen reads only files inside it: widen it with --ref-root <dir> (or "refRoot" in the config file)`,
    );
    expect(snapshotDir(path.join(dir, 'clients'))).toEqual({});
  });

  it('--ref-root specs generates every service', async () => {
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '--ref-root', 'specs', '-q']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(Object.keys(snapshotDir(path.join(dir, 'clients')))).toContain('shipping/client.ts');
  });

  it('--ref-root still refuses what lies outside it', async () => {
    writeFiles(dir, { 'specs/billing/openapi.yaml': service('billing', '/invoices').replace("'../common/paging.yaml#/Cursor'", "'../../outside.yaml#/S'") });
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '--ref-root', 'specs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`leaves the --ref-root folder ${path.join(dir, 'specs')};`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('refRoot in the config file (relative to it) applies to inputs and to services.<name>.spec', async () => {
    writeFiles(dir, {
      'svc-gen.config.json': JSON.stringify({
        inputs: ['specs/shipping'],
        out: 'clients',
        refRoot: 'specs',
        services: { invoices: { spec: 'specs/billing' } },
      }),
    });
    const run = await svcGenIn(dir, ['--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { services: { key: string; inputs: string[] }[] };
    expect(json.services.map((s) => [s.key, s.inputs])).toEqual([
      ['invoices', ['specs/billing/openapi.yaml', 'specs/common/errors.yaml', 'specs/common/paging.yaml']],
      ['shipping', ['specs/common/errors.yaml', 'specs/common/paging.yaml', 'specs/shipping/openapi.yaml']],
    ]);
  });

  it('--ref-root on the command line overrides refRoot in the config file', async () => {
    writeFiles(dir, { 'svc-gen.config.json': JSON.stringify({ inputs: ['specs'], out: 'clients', refRoot: 'specs/billing' }) });
    expect((await svcGenIn(dir, ['-q'])).code).toBe(2);
    expect((await svcGenIn(dir, ['-q', '--ref-root', '.'])).code).toBe(0);
  });

  it('a refRoot that is not a string is a config error', async () => {
    writeFiles(dir, { 'svc-gen.config.json': JSON.stringify({ inputs: ['specs'], out: 'clients', refRoot: 3 }) });
    const run = await svcGenIn(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/svc-gen\.config\.json \(#\/refRoot\): "refRoot" must be a non-empty string/);
  });
});
