/** `svc-gen/runtime` loads none of the generator or its dependencies (nor OpenTelemetry unless present). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('importing svc-gen/runtime loads only the runtime and its own small dependencies', () => {
  const script = fileURLToPath(new URL('../fixtures/import-runtime.mjs', import.meta.url));
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
  expect(child.stderr).toBe('');
  const { packages, own } = JSON.parse(child.stdout) as { packages: string[]; own: string[] };
  // undici (transport), jose (identity token); @opentelemetry/api only because it is installed here.
  expect(packages).toEqual(['@opentelemetry/api', 'jose', 'undici']);
  expect(own.length).toBeGreaterThan(5);
  expect(own.every((file) => file.startsWith('dist/runtime/'))).toBe(true);
  for (const heavy of ['typescript', 'handlebars', 'commander', 'openapi-typescript', '@redocly/openapi-core', 'yaml', 'swagger2openapi']) {
    expect(packages).not.toContain(heavy);
  }
});
