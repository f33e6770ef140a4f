/**
 * The real executable (bin/svc-gen.js → dist/generator/cli/bin-entry.js, built by `npm test`'s pretest)
 * exits with the documented codes: 0 ok, 1 check failed, 2 bad input or usage.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, tempDir } from './helpers/fs.js';
import { tinySpec } from './helpers/specs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/svc-gen.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/generator/cli/bin-entry.js')))
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')]);
  dir = tempDir();
  writeFileSync(path.join(dir, 'ping.yaml'), tinySpec());
}, 120_000);
afterAll(() => cleanup(dir));

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('bin/svc-gen.js', () => {
  /** [step, args, exit code, stderr pattern] — run in order on one directory. */
  const steps: [string, string[], number, RegExp][] = [
    ['--help', ['--help'], 0, /^$/],
    ['--version', ['--version'], 0, /^$/],
    ['generate', ['ping.yaml', '--out', 'out'], 0, /^ping\s+1 operations\s+\d+ ms\nsvc-gen: 1 service, 1 operation → out: 7 files written \(\d+ ms\)\n$/],
    ['check, up to date', ['ping.yaml', '--out', 'out', '--check', '-q'], 0, /^$/],
    ['check after a spec edit', ['ping.yaml', '--out', 'out', '--check', '-q'], 1, /out of date/],
    ['bad input', ['missing.yaml', '--out', 'out'], 2, /^svc-gen: error: .*missing\.yaml: no such file or directory/],
    ['usage error', ['--out'], 2, /error: option '-o, --out <dir>' argument missing/],
  ];
  it.each(steps)('%s', (step, args, code, stderr) => {
    if (step === 'check after a spec edit') writeFileSync(path.join(dir, 'ping.yaml'), tinySpec('', 'pong'));
    const result = run(...args);
    expect(result.status, result.stderr).toBe(code);
    expect(result.stderr).toMatch(stderr);
    if (step === '--version') expect(result.stdout).toBe(`${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});
