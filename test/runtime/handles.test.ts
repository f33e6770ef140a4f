/** After closeAll() nothing keeps the process alive: it exits on its own with no active handles. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('a process that made calls and called closeAll() exits by itself, with no active handles', () => {
  // Runs against the built package (dist/, built by `npm install` and before `npm test`).
  const script = fileURLToPath(new URL('../fixtures/exit-after-close.mjs', import.meta.url));
  const started = Date.now();
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  expect(child.error).toBeUndefined();
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const lines = child.stdout.trim().split('\n');
  expect(JSON.parse(lines.at(-1) ?? 'null')).toEqual([]);
  expect(Date.now() - started).toBeLessThan(10_000);
});
