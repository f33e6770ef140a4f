import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
