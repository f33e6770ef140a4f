/**
 * Real history: two public specs, each at two published versions (test/fixtures/diff/real). The
 * expected reports were checked by hand against the files:
 * - Figma 0.36.0 → 0.43.0: GET /v1/files/{file_key}/meta moved its properties under `file`
 *   (11 removals, 4 of them required, breaking; `file` added); `PlanAccessToken` became an
 *   alternative security scheme on 44 operations (37 existing: non-breaking, the old tokens still
 *   work; 7 on the 8 new operations); 8 operations added, none removed; the variable scope
 *   enum gained COLOR_OPACITY (a warning in responses, non-breaking in the POST /variables body);
 *   the VariableValue oneOf gained a VariableComposedColor branch (breaking where it is received,
 *   in two response places; non-breaking in the request).
 * - Catalyst 3.2.3 → 3.3.0: GET /about's `comms` is no longer required and its `userCount` became
 *   `usersCount` (and `bff.usersCount` became `userCount`), in the 200 and 503 responses; new optional
 *   properties (`configurations.map`, `skybox.textures`, colour alpha `a` in profiles).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { svcGenIn } from '../generator/helpers/cli.js';
import { cleanup, tempDir } from '../generator/helpers/fs.js';

const REAL = fileURLToPath(new URL('../fixtures/diff/real/', import.meta.url));
const dir = tempDir('svc-gen-real-history-');
afterAll(() => cleanup(dir));

function unpack(folder: string, name: string): string {
  const out = path.join(dir, folder, name);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, gunzipSync(readFileSync(path.join(REAL, folder, `${name}.gz`))));
  return out;
}

describe('real history', () => {
  it.each([
    ['figma', 'openapi-0.36.0.yaml', 'openapi-0.43.0.yaml'],
    ['catalyst', 'api-3.2.3.yaml', 'api-3.3.0.yaml'],
  ])(
    '%s: the report checked by hand',
    async (folder, before, after) => {
      const run = await svcGenIn(dir, ['diff', unpack(folder, before), unpack(folder, after), '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(path.join(REAL, `expected-${folder}.json`), 'utf8')));
    },
    60_000,
  );

  it('figma: reading a version against itself finds nothing', async () => {
    const file = unpack('figma', 'openapi-0.43.0.yaml');
    const run = await svcGenIn(dir, ['diff', file, file, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ breaking: [], nonBreaking: [], warnings: [] });
  }, 60_000);
});
