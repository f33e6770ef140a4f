// CLI start-up: `svc-gen --version` and `--help` beside `node -e 0` (the floor) and
// openapi-typescript's `--version`; heavy modules must load only when a command needs them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { time } from './codegen.mjs';
import { median, printTable, spread } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function benchStartup({ quick = false } = {}) {
  const runs = quick ? 5 : 15;
  const cases = {
    'node -e 0 (floor)': ['-e', '0'],
    'svc-gen --version': [path.join(root, 'bin/svc-gen.js'), '--version'],
    'svc-gen --help': [path.join(root, 'bin/svc-gen.js'), '--help'],
    'openapi-typescript --version': [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), '--version'],
  };
  const rows = [];
  for (const [name, args] of Object.entries(cases)) {
    const ms = [];
    for (let i = 0; i < runs; i++) ms.push(time(name, args).ms);
    rows.push([name, spread(ms), (median(ms) / 1000).toFixed(3)]);
  }
  printTable(`CLI start-up, ms, median (min–max) of ${runs}`, ['command', 'ms', 's'], rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchStartup({ quick: process.argv.includes('--quick') });
