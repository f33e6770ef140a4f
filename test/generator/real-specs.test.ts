/**
 * Real specs from other systems, as published in npm packages (vendored with their licences under
 * test/fixtures/real-specs and test/fixtures/diff/real): each generates a method per operation, and all the output type-checks in ONE strict program.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generate } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { formatDiagnostics, typecheck } from './helpers/typecheck.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** [name, gzipped spec under test/fixtures]. */
const SPECS: [string, string][] = [
  ['galaxy', 'real-specs/scalar-galaxy/galaxy-0.6.12.yaml.gz'],
  ['figma', 'diff/real/figma/openapi-0.43.0.yaml.gz'],
  ['catalyst', 'diff/real/catalyst/api-3.3.0.yaml.gz'],
];

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Operations the document declares (its paths' method keys), counted from the document itself. */
function operationsIn(text: string): number {
  const doc = parse(text) as { paths?: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths ?? {}).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);
}

const declared = new Map<string, number>();

let dir: string;
const results = new Map<string, Awaited<ReturnType<typeof generate>>>();

beforeAll(async () => {
  dir = tempDir('svc-gen-real-specs-');
  for (const [name, file] of SPECS) {
    const spec = path.join(dir, 'specs', name, 'openapi.yaml');
    mkdirSync(path.dirname(spec), { recursive: true });
    const text = gunzipSync(readFileSync(path.join(FIXTURES, file)));
    writeFileSync(spec, text);
    declared.set(name, operationsIn(text.toString('utf8')));
    results.set(name, await generate({ inputs: [spec], out: path.join(dir, 'out', name) }));
  }
}, 120_000);

afterAll(() => cleanup(dir));

describe('real specs from npm packages', () => {
  it.each(SPECS)('%s generates a method for every operation it declares', (name) => {
    expect(declared.get(name)).toBeGreaterThan(0);
    expect(results.get(name)?.services[0]?.operations).toBe(declared.get(name));
  });

  it('all generated code type-checks in one strict program', () => {
    const diagnostics = typecheck(path.join(dir, 'out'));
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  }, 120_000);
});
