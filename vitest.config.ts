import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The fast suite (`npm run test:unit`): model, render, util and runtime logic on literal inputs. */
const UNIT = [
  'test/diff/kinds.test.ts',
  'test/generator/escape.test.ts',
  'test/generator/journal.test.ts',
  'test/generator/model.test.ts',
  'test/generator/names.test.ts',
  'test/generator/operation-ids.test.ts',
  'test/generator/params-model.test.ts',
  'test/generator/schema-names.test.ts',
  'test/generator/types-input.test.ts',
  'test/runtime/retry-policy.test.ts',
  'test/testing/consumer.test.ts',
  'test/testing/json-schema.test.ts',
  'test/unit/**/*.test.ts',
];

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
    // `vitest run` (npm test) runs both projects; `npm run test:unit` runs only the first.
    projects: [
      {
        extends: true,
        // Pure tests: literal inputs, no server, no child process, no generated project to type-check (seconds).
        test: { name: 'unit', include: UNIT },
      },
      {
        extends: true,
        // Behaviour on real servers, generated code type-checked, the CLI spawned, the slow hardening suites.
        test: { name: 'behaviour', include: ['test/**/*.test.ts'], exclude: UNIT },
      },
    ],
  },
});
