/**
 * A full or read-only `<out>` fails with a clear error (exit 2, `SVCGEN_OUT_UNWRITABLE`, the errno
 * named) and no partial write: the tree is byte-identical before and after, with no staging
 * folder, journal or lock left behind. The file systems are real: a 64 KiB tmpfs (ENOSPC while
 * staging), the same tmpfs filled to the last page (ENOSPC taking the lock), and the tmpfs
 * remounted read-only (EROFS), each mounted in a private mount namespace (`unshare --user
 * --map-root-user --mount`), so nothing is mounted on the host and nothing needs unmounting.
 * This needs Linux with unprivileged user namespaces (or root) and util-linux's `unshare`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { BIN, ensureBuilt } from './helpers/processes.js';
import { tinySpec, writeFiles } from './helpers/specs.js';

const TREE = fileURLToPath(new URL('../fixtures/hardening/tree.mjs', import.meta.url));

/**
 * Runs in the namespace: mount, copy in the old tree (generated beforehand at the same depth, so its
 * manifest's relative input paths hold), break the file system, run svc-gen, list before and after.
 */
const SCRIPT = `
set -u
mount -t tmpfs -o size=64k tmpfs "$MNT" || exit 90
cp -R "$TEMPLATE/." "$MNT/" || exit 91
if [ "$MODE" = filled ]; then dd if=/dev/zero of="$MNT/filler" bs=4096 2>/dev/null; fi
if [ "$MODE" = read-only ]; then mount -o remount,ro "$MNT" || exit 92; fi
node "$TREE" "$MNT" > "$WORK/before.json"
node "$BIN" "$NEW" --out "$MNT/out" -q 2> "$WORK/stderr.txt"; echo $? > "$WORK/exit.txt"
if [ "$MODE" = read-only ]; then node "$BIN" "$OLD" --out "$MNT/out" --check -q 2> "$WORK/check.txt"; echo $? > "$WORK/check-exit.txt"; fi
node "$TREE" "$MNT" > "$WORK/after.json"
`;

let work: string;
beforeAll(async () => {
  ensureBuilt();
  work = tempDir('svc-gen-fs-');
  writeFiles(work, { 'old/svc.yaml': tinySpec(), 'new/svc.json': bigSpec(), 'script.sh': SCRIPT });
  await generate({ inputs: [path.join(work, 'old')], out: path.join(work, 'template/mnt/out') });
  writeFiles(path.join(work, 'template/mnt/out'), { 'README.md': 'mine\n' });
});
afterAll(() => cleanup(work));

/** A spec whose types.d.ts alone is far larger than the 64 KiB file system. */
function bigSpec(): string {
  const schemas = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [
      `Schema${i}`,
      {
        type: 'object',
        description: `Schema number ${i}, described at some length to take room.`,
        properties: Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`field${j}`, { type: 'string', description: `Field ${j} of schema ${i}.` }])),
      },
    ]),
  );
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'big', version: '1' },
    paths: {
      '/ping': {
        get: {
          operationId: 'ping',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Schema0' } } } } },
        },
      },
    },
    components: { schemas },
  });
}

type Mode = 'full' | 'filled' | 'read-only';

interface Outcome {
  readonly exit: number;
  readonly stderr: string;
  /** `--check` against the old specs (read-only only): it only reads, so it still works. */
  readonly checkExit: number | undefined;
  readonly before: string[];
  readonly after: string[];
}

/** Runs the script for `mode` in its own namespace (asynchronously: the three run side by side). */
async function inTinyFs(mode: Mode): Promise<Outcome> {
  const dir = path.join(work, mode);
  mkdirSync(path.join(dir, 'mnt'), { recursive: true });
  const env = {
    ...process.env,
    MNT: path.join(dir, 'mnt'),
    TEMPLATE: path.join(work, 'template/mnt'),
    WORK: dir,
    MODE: mode,
    BIN,
    TREE,
    OLD: path.join(work, 'old'),
    NEW: path.join(work, 'new'),
    PATH: `${path.dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
  };
  const child = spawn('unshare', ['--user', '--map-root-user', '--mount', 'sh', path.join(work, 'script.sh')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | string>((resolve) => {
    child.on('error', (e) => resolve(e.message));
    child.on('close', (code) => resolve(code ?? -1));
  });
  if (status !== 0) {
    throw new Error(
      `cannot mount a tmpfs in a private namespace (unshare: ${status}); this test needs Linux user namespaces and util-linux's unshare\n${stderr}`,
    );
  }
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  return {
    exit: Number(read('exit.txt')),
    stderr: read('stderr.txt'),
    checkExit: mode === 'read-only' ? Number(read('check-exit.txt')) : undefined,
    before: JSON.parse(read('before.json')) as string[],
    after: JSON.parse(read('after.json')) as string[],
  };
}

/** [mode, errno, what fails] */
const cases: [Mode, string, string][] = [
  ['full', 'ENOSPC', 'while staging the new files'],
  ['filled', 'ENOSPC', 'while taking the lock'],
  ['read-only', 'EROFS', 'before anything'],
];

describe('a full or read-only <out>', () => {
  let outcomes: Promise<Record<Mode, Outcome>>;
  beforeAll(() => {
    outcomes = Promise.all(cases.map(([mode]) => inTinyFs(mode))).then(
      (all) => Object.fromEntries(cases.map(([mode], i) => [mode, all[i]])) as Record<Mode, Outcome>,
    );
    outcomes.catch(() => {}); // reported by each test
  });
  it.each(cases)('%s (%s %s): exit 2 naming the errno, the tree byte-identical, nothing left behind', { timeout: 90_000 }, async (mode, errno) => {
    const o = (await outcomes)[mode];
    expect(o.exit, o.stderr).toBe(2);
    const lines = o.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^svc-gen: error: .*/${mode}/mnt/out: cannot be written \\(${errno}: [^)]*\\); nothing in it was changed$`));
    expect(lines.at(-1)).toBe('svc-gen: nothing was written');
    expect(o.after).toEqual(o.before);
    expect(o.before.filter((e) => e.startsWith('f out/')).map((e) => e.split(' ')[1])).toEqual([
      'out/README.md',
      'out/index.ts',
      'out/svc-gen.manifest.json',
      'out/svc/api.d.ts',
      'out/svc/client.ts',
      'out/svc/contract.ts',
      'out/svc/types.d.ts',
      'out/testing.ts',
    ]);
    expect(o.after.filter((e) => /\.svc-gen-(staging|journal)|\.svc-gen\.lock/.test(e))).toEqual([]);
    // --check only reads: on the read-only tree it still works, and finds the old tree up to date.
    expect(o.checkExit).toBe(mode === 'read-only' ? 0 : undefined);
  });
});
