/** The framework examples run as written (real Express, Fastify, node:http) and show the propagated context. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test.each([
  ['express', 'express →'],
  ['fastify', 'fastify →'],
  ['node-http', 'node:http →'],
])('examples/frameworks/%s.mjs', (name, prefix) => {
  const script = fileURLToPath(new URL(`../../examples/frameworks/${name}.mjs`, import.meta.url));
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe(`${prefix} {"requestId":"req-42","user":"id=7;level=1;is_authenticated=1","from":"gateway"}`);
});
