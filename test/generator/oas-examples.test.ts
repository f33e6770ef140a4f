/**
 * Acceptance: every document in @readme/oas-examples (3.0 and 3.1, JSON and YAML; 2.0 through
 * conversion) generates, and all the output type-checks in ONE strict TypeScript program (and a lax one).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { formatDiagnostics, LAX, typecheck } from './helpers/typecheck.js';

const EXAMPLES = fileURLToPath(new URL('../../node_modules/@readme/oas-examples/', import.meta.url));
const FOLDERS = ['2.0/json', '2.0/yaml', '3.0/json', '3.0/yaml', '3.1/json', '3.1/yaml', '3.0/json/openapi-workshop'];

/**
 * Documents svc-gen rejects, and why. Every other document must generate; a rejection not listed
 * here (or a listed one that starts generating) fails the test, so this table stays honest.
 */
const EXPECTED_REJECTIONS: Record<string, RegExp> = {};

const docs = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(EXAMPLES, folder))
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort()
    .map((f) => `${folder}/${f}`),
);

let out: string;
const outcomes = new Map<string, { ok: true; operations: number } | { ok: false; reason: string }>();

beforeAll(async () => {
  out = tempDir('svc-gen-oas-');
  for (const doc of docs) {
    try {
      const result = await generate({ inputs: [path.join(EXAMPLES, doc)], out: path.join(out, doc.replace(/[/.]/g, '_')) });
      outcomes.set(doc, { ok: true, operations: result.services[0]?.operations ?? 0 });
    } catch (e) {
      if (!isSvcGenInputError(e)) throw e;
      outcomes.set(doc, { ok: false, reason: e.message });
    }
  }
}, 120_000);

afterAll(() => cleanup(out));

describe('@readme/oas-examples', () => {
  it('has the documents this test expects (≈120)', () => {
    expect(docs.length).toBeGreaterThan(100);
  });

  it.each(docs)('%s generates (or is rejected for the documented reason)', (doc) => {
    const outcome = outcomes.get(doc);
    const expected = EXPECTED_REJECTIONS[doc];
    if (expected) expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(expected) });
    else expect(outcome, outcome?.ok === false ? outcome.reason : '').toMatchObject({ ok: true });
  });

  it('all generated code type-checks in one strict program', () => {
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  }, 120_000);

  it('and in one program without strict', () => {
    const diagnostics = typecheck(out, LAX);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  }, 120_000);
});
