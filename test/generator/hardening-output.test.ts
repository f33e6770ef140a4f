/**
 * The output directory. A run killed at a random moment (SIGKILL, 20 times) leaves `<out>` so
 * that the next run's recovery makes it exactly the complete old tree or the complete new one;
 * two runs cannot interleave (a lock, with a message naming it; a dead holder's lock is taken
 * over); nothing is ever written through a symlink or over a file svc-gen did not generate; and
 * user files always survive. (Read-only and full directories: hardening-output-fs.test.ts.)
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { JOURNAL_FILE, recover } from '../../generator/output/journal.js';
import { acquireLock, LOCK_FILE } from '../../generator/output/lock.js';
import { tree } from '../fixtures/hardening/tree.mjs';
import { svcGen } from './helpers/cli.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { BIN, ensureBuilt, startNode } from './helpers/processes.js';
import { writeFiles } from './helpers/specs.js';

/** A service spec whose every generated file changes with `version`. */
function serviceSpec(name: string, version: number, schemas = 3): string {
  const props = Object.fromEntries(
    Array.from({ length: schemas }, (_, i) => [`S${i}`, { type: 'object', properties: { [`v${version}f${i}`]: { type: 'string' } } }]),
  );
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: `${name} v${version}`, version: String(version) },
    paths: {
      [`/${name}`]: {
        get: {
          operationId: `get${version}`,
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } } } },
        },
      },
    },
    components: { schemas: props },
  });
}

/** Old: services s00–s09. New: s00–s01 gone, s02–s09 changed, s10–s13 added. */
const OLD = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${String(i).padStart(2, '0')}.json`, serviceSpec(`s${i}`, 1)]));
const NEW = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${String(i + 2).padStart(2, '0')}.json`, serviceSpec(`s${i + 2}`, 2)]));
/** Files a user keeps in <out>: top level, inside a service that stays, inside a service that goes. */
const USER = { 'README.md': 'mine\n', 's05/helpers.ts': 'export const mine = 1;\n', 's00/notes.txt': 'keep me\n' };

let work: string;
/** <out> trees (at the same depth under `work`, so the manifests' relative input paths are equal). */
let oldTree: string[];
let newTree: string[];

beforeAll(async () => {
  ensureBuilt();
  work = tempDir('svc-gen-out-');
  writeFiles(path.join(work, 'old'), OLD);
  writeFiles(path.join(work, 'new'), NEW);
  await generate({ inputs: [path.join(work, 'old')], out: path.join(work, 'ref-old/out') });
  writeFiles(path.join(work, 'ref-old/out'), USER);
  await generate({ inputs: [path.join(work, 'new')], out: path.join(work, 'ref-new/out') });
  writeFiles(path.join(work, 'ref-new/out'), USER);
  oldTree = tree(path.join(work, 'ref-old/out'));
  newTree = tree(path.join(work, 'ref-new/out'));
}, 60_000);
afterAll(() => cleanup(work));

/** A fresh <out> holding the complete old tree and the user's files. */
function resetOut(name: string): string {
  const out = path.join(work, name, 'out');
  rmSync(path.join(work, name), { recursive: true, force: true });
  cpSync(path.join(work, 'ref-old/out'), out, { recursive: true });
  return out;
}

/** What the next run does before anything else: take the (stale) lock, recover, release. */
function recoverAsNextRun(out: string): ReturnType<typeof recover> {
  const release = acquireLock(out);
  try {
    return recover(out);
  } finally {
    release();
  }
}

describe('killed at a random moment', () => {
  it('20 SIGKILLs: after recovery <out> is exactly the complete old or the complete new tree, user files intact', { timeout: 120_000 }, async () => {
    expect(oldTree).not.toEqual(newTree);
    // Calibrate: how long a whole run takes here, and when its staging folder appears.
    const calibrate = resetOut('calibrate');
    let stagedAt = 0;
    const watcher = watch(calibrate, (_e, name) => {
      if (String(name).startsWith('.svc-gen-staging-') && stagedAt === 0) stagedAt = performance.now();
    });
    const started = performance.now();
    const full = await startNode([BIN, path.join(work, 'new'), '--out', calibrate, '-q']).done;
    const total = performance.now() - started;
    watcher.close();
    expect(full.code, full.stderr).toBe(0);
    expect(tree(calibrate)).toEqual(newTree);
    // From the staging folder's appearance to the end of the run: the write, and the exit.
    const writeMs = stagedAt > 0 ? Math.max(1, started + total - stagedAt) : 5;

    /** One run of the CLI from the old tree to the new, killed at a random moment; returns what happened. */
    const killOnce = async (i: number): Promise<string> => {
      const out = resetOut(`kill-${i}`);
      const run = startNode([BIN, path.join(work, 'new'), '--out', out, '-q']);
      // A third of the kills anywhere in the run; a third once the write has begun (its staging
      // folder appears), within its span; a third the moment the first generated file is replaced
      // (index.ts, the first move), i.e. in the middle of the moves.
      let timer: NodeJS.Timeout | undefined;
      let w: ReturnType<typeof watch> | undefined;
      if (i % 3 === 0) {
        timer = setTimeout(() => run.kill('SIGKILL'), Math.random() * total * 1.1);
      } else {
        w = watch(out, (_e, name) => {
          if (timer) return;
          if (i % 3 === 1 && String(name).startsWith('.svc-gen-staging-')) timer = setTimeout(() => run.kill('SIGKILL'), Math.random() * writeMs);
          if (i % 3 === 2 && name === 'index.ts') {
            run.kill('SIGKILL');
            timer = setTimeout(() => {}, 0);
          }
        });
      }
      const exit = await run.done;
      clearTimeout(timer);
      w?.close();
      const raw = tree(out);
      const state = raw.some((e) => e.startsWith(`f ${JOURNAL_FILE} `)) ? 'journal' : raw.some((e) => e.includes('.svc-gen-staging-')) ? 'staging' : 'none';
      const recovery = recoverAsNextRun(out);
      const after = tree(out);
      const which = JSON.stringify(after) === JSON.stringify(oldTree) ? 'old' : JSON.stringify(after) === JSON.stringify(newTree) ? 'new' : 'MIXED';
      const outcome = `${exit.signal ?? `exit ${exit.code}`}/${state}/${recovery}→${which}`;
      expect(which, `kill ${i}: ${outcome}\n${after.join('\n')}`).not.toBe('MIXED');
      if (exit.signal === null) expect([exit.code, which]).toEqual([0, 'new']); // finished before the kill
      for (const [rel, content] of Object.entries(USER)) expect(readFileSync(path.join(out, rel), 'utf8')).toBe(content);
      return outcome;
    };
    // Two at a time (vitest runs one test file at a time; the second core is free).
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i += 2) outcomes.push(...(await Promise.all([killOnce(i), killOnce(i + 1)])));
    if (process.env['SVCGEN_HARDENING_REPORT']) console.log(`kills (run ${Math.round(total)} ms, write ${Math.round(writeMs)} ms):\n${outcomes.join('\n')}`);
    expect(outcomes).toHaveLength(20);
  });
});

describe('the lock', () => {
  const lockOf = (out: string, holder: object | string) =>
    writeFileSync(path.join(out, LOCK_FILE), typeof holder === 'string' ? holder : `${JSON.stringify(holder)}\n`);

  it('a live holder: exit 2 naming the lock file and its holder, <out> untouched (write and --check)', async () => {
    const out = resetOut('locked');
    const holder = startNode(['-e', 'setInterval(() => {}, 1000)']);
    try {
      const since = new Date().toISOString();
      lockOf(out, { pid: holder.pid, host: os.hostname(), since });
      const before = tree(out);
      for (const args of [[], ['--check']]) {
        const run = await svcGen(path.join(work, 'new'), '--out', out, ...args);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(`svc-gen: error: ${path.join(out, LOCK_FILE)}: <out> is `);
      }
      const run = await svcGen(path.join(work, 'new'), '--out', out);
      expect(run.stderr.split('\n')[0]).toBe(
        `svc-gen: error: ${path.join(out, LOCK_FILE)}: <out> is being written by another svc-gen run; try again when it has finished`,
      );
      expect(tree(out)).toEqual(before);
      // Taking it directly gives the full story: who holds it, since when, and what to do.
      expect(() => acquireLock(out)).toThrow(
        `<out> is locked by svc-gen pid ${holder.pid} on ${os.hostname()}, since ${since}; wait for it to finish, or delete the lock file if no svc-gen is running`,
      );
    } finally {
      holder.kill('SIGKILL');
      await holder.done;
    }
  });

  /** [holder, what taking the lock says (undefined: it is taken over)]: whose lock svc-gen dares take over. */
  const holders: [string, () => Promise<object | string>, RegExp | undefined][] = [
    ['a dead process on this host', async () => ({ pid: await deadPid(), host: os.hostname(), since: 'then' }), undefined],
    [
      'a process on another host',
      async () => ({ pid: 1, host: `not-${os.hostname()}`, since: 'then' }),
      /<out> is locked by svc-gen pid 1 on not-.*, since then; wait for it to finish, or delete the lock file if no svc-gen is running/,
    ],
    [
      'an unreadable lock',
      async () => 'garbage',
      /<out> is locked by another svc-gen run; wait for it to finish, or delete the lock file if no svc-gen is running/,
    ],
  ];
  it.each(holders)('%s', async (_name, holder, refusal) => {
    const out = resetOut('stale');
    lockOf(out, await holder());
    const run = await svcGen(path.join(work, 'new'), '--out', out, '-q');
    if (refusal === undefined) {
      expect(run.code, run.stderr).toBe(0);
      expect(tree(out)).toEqual(newTree); // taken over, and released
      return;
    }
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^svc-gen: error: .*\.svc-gen\.lock: <out> is being written by another svc-gen run/);
    expect(() => acquireLock(out)).toThrow(refusal);
  });

  it('four runs at once on one <out>: each finishes or is refused by the lock, and the result is one complete tree', { timeout: 60_000 }, async () => {
    const out = resetOut('concurrent');
    const runs = [0, 1, 2, 3].map((i) => startNode([BIN, path.join(work, i % 2 ? 'old' : 'new'), '--out', out, '-q']));
    const exits = await Promise.all(runs.map((r) => r.done));
    for (const e of exits) {
      if (e.code !== 0)
        expect([e.code, e.stderr]).toEqual([
          2,
          expect.stringMatching(/^svc-gen: error: .*\.svc-gen\.lock: <out> is (being written by another svc-gen run|locked by svc-gen pid \d+)/),
        ]);
    }
    expect(exits.some((e) => e.code === 0)).toBe(true);
    expect([oldTree, newTree]).toContainEqual(tree(out));
  });
});

describe('nothing but generated files, and only inside <out>', () => {
  /** [name, set-up (out, outside folder), what the error says] */
  const cases: [string, (out: string, outside: string) => void, RegExp][] = [
    [
      'a user file where a generated file goes',
      (out) => writeFiles(out, { 's12/client.ts': '// mine\n' }),
      /s12\/client\.ts: exists, and svc-gen did not generate it \(its manifest does not list it\); move it away, or delete it to let svc-gen write there/,
    ],
    [
      'a folder where a generated file goes',
      (out) => mkdirSync(path.join(out, 's13/types.d.ts'), { recursive: true }),
      /s13\/types\.d\.ts: s13\/types\.d\.ts is a folder, where svc-gen writes a file/,
    ],
    ['a file where a generated folder goes', (out) => writeFiles(out, { s10: 'a file' }), /s10\/client\.ts: s10 is a file, where svc-gen needs a folder/],
    [
      'a symlinked service folder leading outside',
      (out, outside) => symlinkSync(outside, path.join(out, 's11')),
      /s11\/client\.ts: s11 is a symlink; svc-gen does not write through symlinks in <out> \(that could write outside it\)/,
    ],
    [
      'a generated file replaced by a symlink to a file outside',
      (out, outside) => {
        rmSync(path.join(out, 's03/client.ts'));
        symlinkSync(path.join(outside, 'target.txt'), path.join(out, 's03/client.ts'));
      },
      /s03\/client\.ts: s03\/client\.ts is a symlink/,
    ],
    [
      'a folder to clean up that became a symlink',
      (out, outside) => {
        cpSync(path.join(out, 's00'), path.join(outside, 's00'), { recursive: true });
        rmSync(path.join(out, 's00'), { recursive: true });
        symlinkSync(path.join(outside, 's00'), path.join(out, 's00'));
      },
      /s00\/client\.ts: was generated before and must be removed, but s00 is a symlink/,
    ],
  ];
  it.each(cases)('%s: SVCGEN_OUT_CONFLICT, nothing written in or outside <out>', async (_name, setup, message) => {
    const out = resetOut('conflict');
    const outside = path.join(work, 'conflict', 'outside');
    writeFiles(outside, { 'target.txt': 'outside\n' });
    setup(out, outside);
    const before = [tree(out), tree(outside)];
    const run = await svcGen(path.join(work, 'new'), '--out', out);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect([tree(out), tree(outside)]).toEqual(before);
    const error = await generate({ inputs: [path.join(work, 'new')], out }).catch((e: unknown) => e);
    expect(isSvcGenInputError(error) && error.code).toBe('SVCGEN_OUT_CONFLICT');
  });

  it('an --out that is a file: SVCGEN_OUT_UNWRITABLE, the file untouched', async () => {
    const file = path.join(work, 'not-a-folder.txt');
    writeFileSync(file, 'mine\n');
    const run = await svcGen(path.join(work, 'new'), '--out', file);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/^svc-gen: error: .*not-a-folder\.txt: is not a folder \(EEXIST: [^)]*\); nothing in it was changed$/);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('a user file identical to what would be generated is adopted', async () => {
    const out = resetOut('adopt');
    cpSync(path.join(work, 'ref-new/out/s12'), path.join(out, 's12'), { recursive: true });
    const run = await svcGen(path.join(work, 'new'), '--out', out, '-q');
    expect(run.code, run.stderr).toBe(0);
    expect(tree(out)).toEqual(newTree);
  });

  it('a hand-edited manifest or journal cannot make svc-gen touch anything outside <out>', async () => {
    const out = resetOut('edited');
    const outsideFile = path.join(work, 'edited', 'precious.txt');
    writeFileSync(outsideFile, 'precious\n');
    const manifest = JSON.parse(readFileSync(path.join(out, 'svc-gen.manifest.json'), 'utf8')) as { files: { path: string }[] };
    manifest.files.push({ path: '../precious.txt' }, { path: '/etc/hostname' });
    writeFileSync(path.join(out, 'svc-gen.manifest.json'), JSON.stringify(manifest));
    expect((await svcGen(path.join(work, 'new'), '--out', out, '-q')).code).toBe(0);
    expect(readFileSync(outsideFile, 'utf8')).toBe('precious\n');

    writeFileSync(
      path.join(out, JOURNAL_FILE),
      JSON.stringify({ staging: '.svc-gen-staging-abc', moves: [{ from: '0', to: '../precious.txt' }], remove: ['../precious.txt'] }),
    );
    const run = await svcGen(path.join(work, 'new'), '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /\.svc-gen-journal\.json: interrupted-write journal is not usable \(\.\.\/precious\.txt: is outside the output directory\); delete it and run svc-gen again/,
    );
    expect(readFileSync(outsideFile, 'utf8')).toBe('precious\n');
  });
});

/** The pid of a process that has exited (not reused this soon). */
async function deadPid(): Promise<number> {
  const child = startNode(['-e', '']);
  await child.done;
  return child.pid;
}
