/**
 * Output for humans: one line per service, a summary, warnings last; colours only on a TTY
 * without NO_COLOR; --check's readable summary ends with the exact command that fixes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useColor } from '../../generator/cli/colors.js';
import { regenerateCommand, shellQuote } from '../../generator/cli/print.js';
import { svcGenIn } from './helpers/cli.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { tinySpec, writeFiles } from './helpers/specs.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('svc-gen-output-');
  writeFiles(dir, {
    'specs/ping.yaml': tinySpec(),
    'specs/pair.yaml': `openapi: 3.0.3
info: { title: Pair, version: '1' }
paths:
  /a:
    get: { operationId: fetch, responses: { '204': { description: ok } } }
  /b:
    get: { operationId: fetch_, responses: { '204': { description: ok } } }
`,
  });
});
afterEach(() => cleanup(dir));

const ESC = '\u001b[';

describe('human output', () => {
  it('lines per service, then the summary, then warnings (last)', async () => {
    const run = await svcGenIn(dir, ['specs', '--out', 'clients']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^pair {20} {4}2 operations {2}\d+ ms$/);
    expect(lines[1]).toMatch(/^ping\s+1 operations {2}\d+ ms$/);
    expect(lines[2]).toMatch(/^svc-gen: 2 services, 3 operations → clients: 11 files written \(\d+ ms\)$/);
    expect(lines[3]).toBe('svc-gen: warning: pair: GET /b and GET /a both map to method fetch; the former is named fetch2');
  });

  it('a second run says nothing was written', async () => {
    await svcGenIn(dir, ['specs', '--out', 'clients']);
    const run = await svcGenIn(dir, ['specs', '--out', 'clients']);
    expect(run.stderr).toMatch(/^svc-gen: 2 services, 3 operations → clients: up to date, nothing written \(\d+ ms\)$/m);
  });

  it('--quiet keeps warnings only', async () => {
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '-q']);
    expect(run.stderr).toBe('svc-gen: warning: pair: GET /b and GET /a both map to method fetch; the former is named fetch2\n');
  });

  it('colours when asked: names bold, times dim, warnings yellow; none otherwise', async () => {
    const coloured = await svcGenIn(dir, ['specs', '--out', 'a'], { color: true });
    expect(coloured.stderr).toContain(`${ESC}1mping`);
    expect(coloured.stderr).toMatch(/\u001b\[2m\d+ ms\u001b\[22m/);
    expect(coloured.stderr).toContain(`${ESC}33msvc-gen: warning:${ESC}39m`);
    const plain = await svcGenIn(dir, ['specs', '--out', 'b'], { color: false });
    expect(plain.stderr).not.toContain(ESC);
  });

  /** [stderr is a TTY, env, colour] */
  const decisions: [boolean, NodeJS.ProcessEnv, boolean][] = [
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true], // no-color.org: present and not empty
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '0' }, false],
    [true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ];
  it.each(decisions)('useColor(isTTY %s, %j) is %s', (isTTY, env, want) => {
    expect(useColor({ isTTY }, env)).toBe(want);
  });

  it('--runtime-module overrides the import specifier', async () => {
    const run = await svcGenIn(dir, ['specs/ping.yaml', '--out', 'c', '--runtime-module', '@acme/svc-runtime']);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'c/ping/client.ts'), 'utf8')).toContain("from '@acme/svc-runtime';");
  });
});

describe('--check', () => {
  it('lists stale, missing and extra on stdout; counts and the exact fix command on stderr', async () => {
    writeFiles(dir, { 'my specs/ping.yaml': tinySpec() });
    await svcGenIn(dir, ['my specs', '--out', 'out dir', '-q']);
    writeFileSync(path.join(dir, 'my specs/ping.yaml'), tinySpec('', 'pong'));
    const run = await svcGenIn(dir, ['my specs', '--out', 'out dir', '--check', '-q']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^stale: {3}ping\/client\.ts\n {4}@@ line \d+ @@\n/m);
    expect(run.stderr).toBe("svc-gen: out dir is out of date (6 stale, 0 missing, 0 extra); to update it, run:\n  npx svc-gen 'my specs' --out 'out dir'\n");
  });

  it('up to date: one line (nothing with --quiet)', async () => {
    await svcGenIn(dir, ['specs', '--out', 'clients']);
    const run = await svcGenIn(dir, ['specs', '--out', 'clients', '--check']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^svc-gen: clients is up to date \(2 services, 11 files\)$/m);
  });

  /** [parts, command] */
  const commands: [Parameters<typeof regenerateCommand>[0], string][] = [
    [{ cwd: '/r', config: undefined, noConfig: false, inputs: ['/r/specs'], out: '/r/clients', runtimeModule: undefined }, 'npx svc-gen specs --out clients'],
    [
      { cwd: '/r', config: { file: '/r/svc-gen.config.json', explicit: false }, noConfig: false, inputs: undefined, out: undefined, runtimeModule: undefined },
      'npx svc-gen',
    ],
    [
      { cwd: '/r', config: { file: '/r/ci/gen.json', explicit: true }, noConfig: false, inputs: undefined, out: '/r/x', runtimeModule: undefined },
      'npx svc-gen --config ci/gen.json --out x',
    ],
    [
      { cwd: '/r', config: undefined, noConfig: true, inputs: ['/r/a.yaml', '/elsewhere/b.yaml'], out: '/r/o', runtimeModule: '@x/rt' },
      'npx svc-gen --no-config a.yaml /elsewhere/b.yaml --out o --runtime-module @x/rt',
    ],
  ];
  it.each(commands)('fix command %#', (parts, want) => {
    expect(regenerateCommand(parts)).toBe(want);
  });

  it('shell-quotes only when needed', () => {
    expect([shellQuote('specs/a.yaml'), shellQuote('a b'), shellQuote("it's"), shellQuote('$(rm)')]).toEqual([
      'specs/a.yaml',
      "'a b'",
      `'it'\\''s'`,
      "'$(rm)'",
    ]);
  });
});
