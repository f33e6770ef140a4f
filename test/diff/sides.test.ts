/**
 * Sides as generation loads them: folders matched per service, $refs into shared files followed,
 * Swagger 2.0 converted, `git:<rev>:<path>` read from a temporary git repository without touching
 * its work tree, and the CLI's exit codes and JSON shape.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { svcGenIn } from '../generator/helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from '../generator/helpers/fs.js';
import { baseSpec } from './helpers.js';

type Json = Record<string, any>;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(cleanup));
function temp(): string {
  const d = tempDir('svc-gen-diff-test-');
  dirs.push(d);
  return d;
}

function write(dir: string, files: Record<string, unknown>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

function withoutHealth(): Json {
  const d = baseSpec();
  delete d.paths['/health'];
  return d;
}

async function diffJson(cwd: string, ...args: string[]): Promise<{ code: number; json: Json; stderr: string }> {
  const run = await svcGenIn(cwd, ['diff', ...args, '--json']);
  return { code: run.code, json: run.stdout ? JSON.parse(run.stdout) : {}, stderr: run.stderr };
}

describe('svc-gen diff sides', () => {
  it("exits 1 with the issue's JSON shape on a breaking change, 0 without", async () => {
    const dir = temp();
    write(dir, { 'old/users.json': baseSpec(), 'new/users.json': withoutHealth() });
    const broken = await diffJson(dir, 'old/users.json', 'new/users.json');
    expect(broken.code).toBe(1);
    expect(broken.json).toEqual({
      breaking: [
        {
          kind: 'api-path-removed-without-deprecation',
          operation: 'GET /health',
          pointer: { old: '/paths/~1health/get', new: null },
          message: 'path removed: the client method health() is gone',
          service: 'users',
        },
      ],
      nonBreaking: [],
      warnings: [],
    });
    const fine = await diffJson(dir, 'new/users.json', 'old/users.json');
    expect(fine.code).toBe(0);
    expect(fine.json.nonBreaking.map((c: Json) => c.kind)).toEqual(['endpoint-added']);
  });

  it('matches folders per service, reporting services removed and added', async () => {
    const dir = temp();
    const order = { ...baseSpec(), info: { title: 'Orders', version: '1', 'x-service-name': 'order' } };
    write(dir, {
      'a/users.json': baseSpec(),
      'a/order.json': order,
      'b/users.json': withoutHealth(),
      'b/payment.json': { ...baseSpec(), info: { title: 'P', version: '1' } },
    });
    const r = await diffJson(dir, 'a', 'b');
    expect(r.code).toBe(1);
    expect(r.json.breaking.map((c: Json) => [c.service, c.kind])).toEqual([
      ['order', 'service-removed'],
      ['users', 'api-path-removed-without-deprecation'],
    ]);
    expect(r.json.nonBreaking.map((c: Json) => [c.service, c.kind])).toEqual([['payment', 'service-added']]);
  });

  it('follows $refs into shared files: moving a schema out of the spec is no change', async () => {
    const dir = temp();
    const moved = baseSpec();
    const user = moved.components.schemas.User;
    delete moved.components.schemas.User;
    moved.paths['/users/{id}'].get.responses['200'].content['application/json'].schema = { $ref: './shared/user.json' };
    write(dir, { 'old/users/openapi.json': baseSpec(), 'new/users/openapi.json': moved, 'new/users/shared/user.json': user });
    const same = await diffJson(dir, 'old', 'new');
    expect(same).toMatchObject({ code: 0, json: { breaking: [], nonBreaking: [], warnings: [] } });
    user.properties.status.enum.push('banned');
    write(dir, { 'new/users/shared/user.json': user });
    const changed = await diffJson(dir, 'old', 'new');
    expect(changed.json.warnings.map((c: Json) => c.kind)).toEqual(['response-property-enum-value-added']);
  });

  it('converts Swagger 2.0 as generation does, so a 2.0 → 3.0 migration of the same API is no change', async () => {
    const dir = temp();
    const swagger = {
      swagger: '2.0',
      info: { title: 'Users', version: '1' },
      basePath: '/v1',
      host: 'api.example.com',
      schemes: ['https'],
      paths: {
        '/users/{id}': {
          get: {
            operationId: 'getUser',
            produces: ['application/json'],
            parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
            responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/User' } } },
          },
        },
      },
      definitions: { User: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    };
    const openapi = {
      openapi: '3.0.3',
      info: { title: 'Users', version: '2' },
      servers: [{ url: 'https://api.example.com/v1' }],
      paths: {
        '/users/{id}': {
          get: {
            operationId: 'getUser',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } } },
          },
        },
      },
      components: { schemas: { Person: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } },
    };
    write(dir, { 'users-v1.json': swagger, 'users-v2.json': openapi });
    expect(await diffJson(dir, 'users-v1.json', 'users-v2.json')).toMatchObject({ code: 0, json: { breaking: [], nonBreaking: [], warnings: [] } });
  });

  it('terminates on recursive schemas and still reports a change inside the cycle', async () => {
    const dir = temp();
    const tree = (extra: Json) => ({
      openapi: '3.0.3',
      info: { title: 'Tree', version: '1' },
      paths: {
        '/tree': {
          get: {
            operationId: 'tree',
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra },
          },
        },
      },
    });
    write(dir, { 'old.json': tree({ label: { type: 'string' } }), 'new.json': tree({}) });
    const r = await diffJson(dir, 'old.json', 'new.json');
    expect(r.json.breaking.map((c: Json) => [c.kind, c.pointer])).toEqual([
      ['response-optional-property-removed', { old: '/components/schemas/Node/properties/label', new: '/components/schemas/Node' }],
    ]);
  });

  it('exits 2 naming the file for bad input, and for a missing side', async () => {
    const dir = temp();
    write(dir, { 'bad.json': '{"openapi": "3.0.3", "paths": ', 'good.json': baseSpec() });
    const bad = await svcGenIn(dir, ['diff', 'good.json', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json/);
    const missing = await svcGenIn(dir, ['diff', 'good.json', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json/);
    expect((await svcGenIn(dir, ['diff', 'good.json'])).code).toBe(2);
  });

  it('prints markdown ready for a pull-request comment', async () => {
    const dir = temp();
    write(dir, { 'old.json': baseSpec(), 'new.json': withoutHealth() });
    const r = await svcGenIn(dir, ['diff', 'old.json', 'new.json', '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '### ❌ svc-gen diff: 1 breaking change, 0 warnings, 0 non-breaking changes',
        '',
        '#### Breaking',
        '',
        '| Service | Operation | Kind | Change | Breaks |',
        '| --- | --- | --- | --- | --- |',
        '| new | `GET /health` | `api-path-removed-without-deprecation` | path removed: the client method health() is gone |  |',
        '',
      ].join('\n'),
    );
  });
});

describe('git:<rev>:<path> sides', () => {
  function repo(): string {
    const dir = temp();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    // The monorepo layout: a service folder refers to a file shared by every service (specs/shared).
    const spec = baseSpec();
    spec.paths['/users/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '../shared/user.json' };
    write(dir, { 'specs/users/openapi.json': spec, 'specs/shared/user.json': baseSpec().components.schemas.User });
    git('add', '.');
    git('commit', '-qm', 'v1');
    return dir;
  }

  it('reads a revision without checking it out (a service referring to a shared folder beside it), and leaves the work tree and index alone', async () => {
    const dir = repo();
    const user = baseSpec().components.schemas.User;
    delete user.properties.nickname;
    write(dir, { 'specs/shared/user.json': user });
    const before = snapshotDir(dir);
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: dir }).toString();
    const r = await diffJson(dir, 'git:HEAD:specs/', 'specs/');
    expect(r.code).toBe(1);
    // Pointers are into the bundled document, where the bundler names the shared file's schema `user`.
    expect(r.json.breaking.map((c: Json) => [c.kind, c.operation, c.pointer])).toEqual([
      ['response-optional-property-removed', 'GET /users/{id}', { old: '/components/schemas/user/properties/nickname', new: '/components/schemas/user' }],
    ]);
    expect(snapshotDir(dir)).toEqual(before);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir }).toString()).toBe(status);
  });

  it('resolves the path from a sub-folder as the work tree does, and compares two revisions', async () => {
    const dir = repo();
    const v2 = withoutHealth();
    v2.paths['/users/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '../shared/user.json' };
    write(dir, { 'specs/users/openapi.json': v2 });
    execFileSync('git', ['commit', '-qam', 'v2'], { cwd: dir });
    const r = await diffJson(path.join(dir, 'specs'), 'git:HEAD~1:.', 'git:HEAD:.');
    expect(r.stderr).toBe('');
    expect(r.json.breaking.map((c: Json) => c.kind)).toEqual(['api-path-removed-without-deprecation']);
  });

  it('exits 2 for an unknown revision or path', async () => {
    const dir = repo();
    const rev = await svcGenIn(dir, ['diff', 'git:no-such-branch:specs/', 'specs/']);
    expect(rev.code).toBe(2);
    expect(rev.stderr).toMatch(/git:no-such-branch:specs\/: not a revision/);
    const p = await svcGenIn(dir, ['diff', 'git:HEAD:nothing/', 'specs/']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/git:HEAD:nothing\/: no such path/);
  });

  it('svc-gen --check --breaking-against <rev> adds the report and fails on a breaking change', async () => {
    const dir = repo();
    const gen = await svcGenIn(dir, ['specs', '--out', 'clients']);
    expect(gen.code).toBe(0);
    const clean = await svcGenIn(dir, ['specs', '--out', 'clients', '--check', '--breaking-against', 'HEAD']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/svc-gen diff: 0 breaking changes/);
    write(dir, { 'specs/users/openapi.json': withoutHealth() });
    await svcGenIn(dir, ['specs', '--out', 'clients']);
    const broken = await svcGenIn(dir, ['specs', '--out', 'clients', '--check', '--breaking-against', 'HEAD']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/\| users \| `GET \/health` \| `api-path-removed-without-deprecation` \|/);
  });
});
