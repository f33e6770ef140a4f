import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The fast suite (`npm run test:unit`): test/unit/ mirrors the source tree, one file per source file
 * with logic, on literal inputs: no server, no child process, no generated project to type-check.
 */
const UNIT = ['test/unit/**/*.test.ts'];

/**
 * The slow hardening suites (`npm run test:hardening`): hostile specs generated and compiled, hostile
 * sizes, killed runs and full disks, property runs against generator and runtime, load and leaks.
 */
const HARDENING = ['test/generator/hardening-*.test.ts', 'test/generator/hostile.test.ts', 'test/runtime/property.test.ts', 'test/runtime/load.test.ts'];

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, not dist/ (both names of the runtime and its fakes).
    alias: {
      '@svc-gen/runtime/testing': fileURLToPath(new URL('./runtime/testing/index.ts', import.meta.url)),
      '@svc-gen/runtime': fileURLToPath(new URL('./runtime/index.ts', import.meta.url)),
      'svc-gen/runtime': fileURLToPath(new URL('./runtime/index.ts', import.meta.url)),
      'svc-gen/testing': fileURLToPath(new URL('./runtime/testing/index.ts', import.meta.url)),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `vitest run` (npm test) runs all three projects; `npm run test:<name>` runs one.
    projects: [
      {
        extends: true,
        // Pure tests: literal inputs, no server, no child process (seconds).
        test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        // Behaviour on real servers, generated code type-checked, the CLI spawned.
        test: { name: 'behaviour', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...HARDENING] },
      },
      {
        extends: true,
        // Hostile input, crashes, property and load runs (minutes).
        test: { name: 'hardening', include: HARDENING },
      },
    ],
  },
});
