/**
 * The same consumer suite under jest (a devDependency, run as a user would with native ESM:
 * `node --experimental-vm-modules`, no transform), proving the fakes need no particular test
 * framework. `svc-gen/runtime` and `svc-gen/testing` map to the built package (dist/).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildConsumer, REPO, removeConsumer } from './consumer-build.js';
import { cases } from './consumer-cases.js';

const FOLDER = `jest-${process.pid}`;
afterAll(() => removeConsumer(FOLDER));

it('runs every consumer case under jest', () => {
  const entry = buildConsumer('consumer.jest.ts', FOLDER);
  const jest = path.join(path.dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin', 'jest.js');
  const config = {
    rootDir: path.dirname(entry),
    testEnvironment: 'node',
    transform: {},
    testMatch: ['**/consumer.jest.js'],
    moduleNameMapper: {
      '^svc-gen/runtime$': path.join(REPO, 'dist', 'generator', 'runtime.js'),
      '^svc-gen/testing$': path.join(REPO, 'dist', 'generator', 'testing.js'),
    },
  };
  const child = spawnSync(process.execPath, ['--experimental-vm-modules', jest, '--config', JSON.stringify(config), '--ci', '--no-watchman', '--runInBand'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NODE_OPTIONS: '--no-warnings' },
  });
  const output = child.stdout + child.stderr;
  expect(child.status, output).toBe(0);
  expect(output).toContain(`Tests:       ${Object.keys(cases).length} passed, ${Object.keys(cases).length} total`);
}, 150_000);
