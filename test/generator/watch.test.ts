/**
 * --watch on the real file system: an edit to an entry spec, or to a file it `$ref`s, regenerates
 * that service only (the others' files keep their bytes and mtimes); a broken edit is reported and
 * watching goes on, and the fix regenerates; events are debounced; new specs become services.
 * Every wait is bounded (10 s) and fails with the output so far.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, snapshotDir, tempDir } from './helpers/fs.js';
import { copyRepoSpecs, tinySpec, writeFiles } from './helpers/specs.js';

const WAIT_MS = 10_000;
let dir: string;
let out: string;
let stopWatch: (() => Promise<unknown>) | undefined;

beforeEach(() => {
  dir = tempDir('svc-gen-watch-');
  copyRepoSpecs(path.join(dir, 'specs'));
  out = path.join(dir, 'clients');
});
afterEach(async () => {
  await stopWatch?.();
  stopWatch = undefined;
  cleanup(dir);
});

/** Polls `check` every 20 ms until it returns true; throws with `describe()` after WAIT_MS. */
async function until(check: () => boolean, describe: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `svc-gen <args> --watch` in-process; resolves once the first run is done and the watchers are placed. */
async function startWatch(args: string[] = ['specs', '--out', 'clients']) {
  const controller = new AbortController();
  let stderr = '';
  const done = svcGenIn(dir, [...args, '--watch'], { signal: controller.signal, onStderr: (t) => (stderr += t) });
  stopWatch = async () => {
    controller.abort();
    return done;
  };
  const runs = () => stderr.match(/^svc-gen: watching \d+ files/gm)?.length ?? 0;
  const w = {
    done,
    stop: stopWatch,
    stderr: () => stderr,
    runs,
    /** Waits for run number `n` (1 is the first) to finish; returns that run's stderr. */
    async run(n: number): Promise<string> {
      await until(
        () => runs() >= n,
        () => stderr,
      );
      const parts = stderr.split(/^svc-gen: watching \d+ files.*\n/m);
      return parts[n - 1] ?? '';
    },
  };
  await w.run(1);
  return w;
}

/** Bytes and mtime of every file under `out`, keyed by path. */
function stamp(): Record<string, string> {
  const bytes = snapshotDir(out);
  return Object.fromEntries(Object.entries(bytes).map(([f, b]) => [f, `${statSync(path.join(out, f)).mtimeMs}:${b}`]));
}

/** The files whose bytes or mtime differ between two stamps. */
function touched(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]).sort();
}

function edit(rel: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, rel);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${rel}: ${String(from)} not found`);
  writeFileSync(file, next);
}

describe('--watch', () => {
  it('an edit to an entry spec regenerates that service only', async () => {
    const w = await startWatch();
    expect(w.stderr()).toMatch(/^svc-gen: 4 services, 22 operations → clients: 15 files written/m);
    const before = stamp();
    edit('specs/user.yaml', 'List users, a page at a time', 'List the users, one page at a time');
    const run = await w.run(2);
    expect(run).toMatch(/^svc-gen: changed: specs\/user\.yaml\n/m);
    expect(run).toMatch(/^user\s+8 operations\s+\d+ ms$/m);
    expect(run).not.toMatch(/^(order|payment|notification)\s/m);
    expect(run).toMatch(/regenerated user; 4 services, 22 operations → clients: 3 files written/);
    expect(touched(before, stamp())).toEqual(['svc-gen.manifest.json', 'user/client.ts', 'user/types.ts']);
    expect(readFileSync(path.join(out, 'user/client.ts'), 'utf8')).toContain('List the users, one page at a time');
  });

  it('an edit to a $ref-ed file regenerates the service that reads it', async () => {
    const w = await startWatch();
    const before = stamp();
    edit('specs/order/schemas/order.yaml', 'OrderStatus:\n  type: string', 'OrderStatus:\n  description: Edited in a ref-ed file.\n  type: string');
    const run = await w.run(2);
    expect(run).toMatch(/^svc-gen: changed: specs\/order\/schemas\/order\.yaml\n/m);
    expect(run).toMatch(/^order\s+5 operations/m);
    expect(run).not.toMatch(/^(user|payment|notification)\s/m);
    // client.ts exports named schemas with their descriptions as JSDoc (types merge), so it changes too.
    expect(touched(before, stamp())).toEqual(['order/client.ts', 'order/types.ts', 'svc-gen.manifest.json']);
    expect(readFileSync(path.join(out, 'order/types.ts'), 'utf8')).toContain('Edited in a ref-ed file.');
  });

  it('a broken edit is reported, nothing is written, watching goes on, and the fix regenerates', async () => {
    const w = await startWatch();
    const before = stamp();
    const good = readFileSync(path.join(dir, 'specs/user.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'specs/user.yaml'), `${good}\n  broken: [\n`);
    const broken = await w.run(2);
    expect(broken).toMatch(/^svc-gen: error: specs\/user\.yaml:\d+:\d+: /m);
    expect(broken).toMatch(/^svc-gen: nothing was written$/m);
    expect(touched(before, stamp())).toEqual([]);
    writeFileSync(path.join(dir, 'specs/user.yaml'), good.replace('Get one user', 'Get a single user'));
    const fixed = await w.run(3);
    expect(fixed).toMatch(/regenerated user;/);
    expect(readFileSync(path.join(out, 'user/client.ts'), 'utf8')).toContain('Get a single user');
  });

  it('a broken $ref-ed file shared by three services: the fix to that file (not the entries) regenerates them', async () => {
    const w = await startWatch();
    const file = path.join(dir, 'specs/common/errors.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, 'type: object\nproperties: {\n');
    expect(await w.run(2)).toMatch(/^svc-gen: error: specs\/common\/errors\.yaml/m);
    writeFileSync(file, good.replace("error shape (Insanic's).", "error shape (Insanic's). Fixed."));
    const fixed = await w.run(3);
    expect(fixed).toMatch(/^svc-gen: changed: specs\/common\/errors\.yaml\n/m);
    expect(fixed).toMatch(/regenerated order, payment, user;/);
    expect(readFileSync(path.join(out, 'order/types.ts'), 'utf8')).toContain('Fixed.');
  });

  it('debounces: a burst of writes is one run', async () => {
    const w = await startWatch();
    for (let i = 0; i < 5; i++) edit('specs/notification.yaml', /summary: ([^\n]*)/, `summary: $1 ${i}`);
    await w.run(2);
    await new Promise((r) => setTimeout(r, 400)); // longer than the debounce: a second run would have started
    expect(w.runs()).toBe(2);
    expect(w.stderr().match(/^svc-gen: changed:/gm)).toHaveLength(1);
  });

  it('a new spec in a watched folder becomes a service; a deleted one is removed', async () => {
    const w = await startWatch();
    writeFiles(dir, { 'specs/ping.yaml': tinySpec() });
    expect(await w.run(2)).toMatch(/^ping\s+1 operations/m);
    expect(existsSync(path.join(out, 'ping/client.ts'))).toBe(true);
    rmSync(path.join(dir, 'specs/ping.yaml'));
    expect(await w.run(3)).toMatch(/regenerated nothing; 4 services, 22 operations → clients: \d+ files written, 3 removed/); // ping's client.ts, contract.ts, types.ts
    expect(existsSync(path.join(out, 'ping/client.ts'))).toBe(false);
  });

  it('a starting error keeps watching; the config file is watched and re-read', async () => {
    writeFiles(dir, {
      'svc-gen.config.json': '{ "inputs": ["specs"], "out": "clients", "services": { "user": { "spec": "specs/user.yaml", "operationIds": ["nope"] } } }\n',
    });
    const w = await startWatch([]);
    expect(w.stderr()).toMatch(/operationIds lists "nope"/);
    writeFiles(dir, {
      'svc-gen.config.json': '{ "inputs": ["specs"], "out": "clients", "services": { "user": { "spec": "specs/user.yaml", "operationIds": ["get_user"] } } }\n',
    });
    const run = await w.run(2);
    expect(run).toMatch(/^user\s+1 operations/m);
    expect(existsSync(path.join(out, 'user/client.ts'))).toBe(true);
  });

  it('--json prints one report line per run', async () => {
    const controller = new AbortController();
    let stderr = '';
    const done = svcGenIn(dir, ['specs', '--out', 'clients', '--watch', '--json'], { signal: controller.signal, onStderr: (t) => (stderr += t) });
    stopWatch = async () => {
      controller.abort();
      return done;
    };
    await until(
      () => /watching/.test(stderr),
      () => stderr,
    );
    edit('specs/payment.json', '"Charges and refunds.', '"Charges, and refunds.');
    await until(
      () => (stderr.match(/watching/g)?.length ?? 0) >= 2,
      () => stderr,
    );
    const result = await stopWatch();
    const lines = (result as { stdout: string }).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.ok, l.services.filter((s: { reused: boolean }) => !s.reused).map((s: { key: string }) => s.key)])).toEqual([
      [true, ['notification', 'order', 'payment', 'user']],
      [true, ['payment']],
    ]);
  });

  it('starts from the manifest of an up-to-date <out> (nothing read again), and an edit regenerates that service only, as a full run would', async () => {
    expect((await svcGenIn(dir, ['specs', '--out', 'clients'])).code).toBe(0);
    const w = await startWatch();
    expect(w.stderr()).toMatch(/^svc-gen: 4 services, 22 operations → clients: up to date, nothing written/m);
    expect(w.stderr()).not.toMatch(/^(user|order|payment|notification)\s+\d+ operations/m);
    edit('specs/payment.json', '"Charges and refunds.', '"Charges, and refunds.');
    const run = await w.run(2);
    expect(run).toMatch(/regenerated payment; 4 services, 22 operations → clients: \d+ files? written/);
    expect(run).not.toMatch(/^(order|user|notification)\s/m);
    expect((await svcGenIn(dir, ['specs', '--out', 'fresh'])).code).toBe(0);
    expect(snapshotDir(out)).toEqual(snapshotDir(path.join(dir, 'fresh')));
  });

  it('stops when the signal aborts, with exit code 0', async () => {
    const w = await startWatch();
    void w.stop();
    const result = await w.done;
    expect(result.code).toBe(0);
  });
});

describe('bin/svc-gen.js --watch (a real process)', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/generator/watch.js')))
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')]);
  }, 120_000);

  it('regenerates after an edit and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/svc-gen.js'), 'specs', '--out', 'clients', '--watch'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    stopWatch = async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    };
    await until(
      () => /watching/.test(stderr),
      () => stderr,
    );
    edit('specs/user.yaml', 'Get one user', 'Get one user by id');
    await until(
      () => /regenerated user;/.test(stderr),
      () => stderr,
    );
    expect(readFileSync(path.join(out, 'user/client.ts'), 'utf8')).toContain('Get one user by id');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
