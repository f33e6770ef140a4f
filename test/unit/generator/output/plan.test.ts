/**
 * Planning `<out>` (output/plan.ts) on an `<out>` that does not exist (nothing is read but absent
 * paths, nothing written): every file missing, paths leaving `<out>` refused with every conflict
 * listed; and when a plan counts as up to date.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSvcGenInputError } from '../../../../generator/errors.js';
import { isUpToDate, type OutputPlan, planOutput } from '../../../../generator/output/plan.js';

const absentOut = path.join(tmpdir(), 'svc-gen-unit-plan-never-created', 'out');
const file = (p: string, contents = `// ${p}\n`) => ({ path: p, contents });

describe('planOutput on an absent <out>', () => {
  it('lists every file as missing, in the given order, and nothing else', () => {
    const files = [file('pets/client.ts'), file('index.ts'), file('svc-gen.manifest.json')];
    const plan = planOutput(absentOut, files, 'svc-gen.manifest.json');
    expect(plan).toEqual({ out: absentOut, files, unchanged: [], stale: [], missing: files, extra: [] });
    expect(isUpToDate(plan)).toBe(false);
  });

  it('refuses paths outside <out>, listing each one as SVCGEN_OUT_CONFLICT', () => {
    let caught: unknown;
    try {
      planOutput(absentOut, [file('../escape.ts'), file('ok.ts'), file('../../far/away.ts')], 'm.json');
    } catch (e) {
      caught = e;
    }
    expect(isSvcGenInputError(caught)).toBe(true);
    const problems = (caught as { problems: { code: string; file: string; reason: string }[] }).problems;
    expect(problems.map((p) => [p.code, p.file, p.reason])).toEqual([
      ['SVCGEN_OUT_CONFLICT', path.join(absentOut, '../escape.ts'), 'is outside the output directory'],
      ['SVCGEN_OUT_CONFLICT', path.join(absentOut, '../../far/away.ts'), 'is outside the output directory'],
    ]);
  });
});

describe('isUpToDate', () => {
  const base: OutputPlan = { out: '/o', files: [], unchanged: ['a.ts'], stale: [], missing: [], extra: [] };
  it('is true when nothing is stale, missing or extra', () => expect(isUpToDate(base)).toBe(true));
  it('is false with a stale file', () => expect(isUpToDate({ ...base, stale: [{ file: file('a.ts'), current: 'old' }] })).toBe(false));
  it('is false with a missing file', () => expect(isUpToDate({ ...base, missing: [file('b.ts')] })).toBe(false));
  it('is false with an extra file', () => expect(isUpToDate({ ...base, extra: ['gone.ts'] })).toBe(false));
});
