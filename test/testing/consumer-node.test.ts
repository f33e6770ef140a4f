/**
 * The same consumer suite under node:test, proving the fakes need no test framework: the suite
 * and the generated clients are compiled to JavaScript beside the repo (consumer-build.ts), so
 * `svc-gen/runtime` and `svc-gen/testing` resolve to the built package (dist/, `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { buildConsumer, REPO, removeConsumer } from './consumer-build.js';
import { cases } from './consumer-cases.js';

const FOLDER = `node-${process.pid}`;
afterAll(() => removeConsumer(FOLDER));

it('runs every consumer case under node:test', () => {
  const entry = buildConsumer('consumer.node.ts', FOLDER);
  const child = spawnSync(process.execPath, ['--test', '--test-reporter=tap', entry], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.status, child.stdout + child.stderr).toBe(0);
  const count = Object.keys(cases).length;
  expect(child.stdout).toContain(`# pass ${count}`);
  expect(child.stdout).toContain('# fail 0');
});
