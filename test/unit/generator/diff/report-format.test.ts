/** A diff report printed as JSON, text and markdown (diff/report-format.ts), from a literal report. */
import { describe, expect, it } from 'vitest';
import type { Change, DiffReport } from '../../../../generator/diff/change-types.js';
import { formatReport, jsonText, markdownReport, textReport } from '../../../../generator/diff/report-format.js';

const change = (kind: string, message: string, extra: Partial<Change> = {}): Change => ({
  kind,
  operation: 'GET /users',
  pointer: { old: '/paths/~1users/get', new: null },
  message,
  service: 'users',
  ...extra,
});

const report: DiffReport = {
  breaking: [change('request-parameter-removed', 'query parameter q removed', { callSites: ['src/a.ts:3'] })],
  nonBreaking: [change('response-optional-property-added', 'a | b\nadded', { operation: null }), change('x', 'y')],
  warnings: [],
};

describe('report formats', () => {
  it('JSON: stable keys, callSites only when set, otherCallSites only when given', () => {
    const parsed = JSON.parse(jsonText(report));
    expect(Object.keys(parsed)).toEqual(['breaking', 'nonBreaking', 'warnings']);
    expect(parsed.breaking[0]).toEqual({
      kind: 'request-parameter-removed',
      operation: 'GET /users',
      pointer: { old: '/paths/~1users/get', new: null },
      message: 'query parameter q removed',
      service: 'users',
      callSites: ['src/a.ts:3'],
    });
    expect(Object.keys(parsed.nonBreaking[1])).not.toContain('callSites');
    expect(JSON.parse(jsonText({ ...report, otherCallSites: ['b.ts:1'] })).otherCallSites).toEqual(['b.ts:1']);
    expect(jsonText(report).endsWith('}\n')).toBe(true);
  });

  it('text: counts (singular and plural), non-empty sections only, call sites indented', () => {
    expect(textReport(report)).toBe(
      [
        'svc-gen diff: 1 breaking change, 0 warnings, 2 non-breaking changes',
        '',
        'Breaking:',
        '  users GET /users [request-parameter-removed] query parameter q removed',
        '    breaks src/a.ts:3',
        '',
        'Non-breaking:',
        '  users (document) [response-optional-property-added] a | b\nadded',
        '  users GET /users [x] y',
        '',
      ].join('\n'),
    );
    expect(textReport({ breaking: [], nonBreaking: [], warnings: [], otherCallSites: ['z.ts:9'] })).toBe(
      'svc-gen diff: 0 breaking changes, 0 warnings, 0 non-breaking changes\n\nOther call sites that stop compiling:\n  z.ts:9\n',
    );
  });

  it('markdown: icon by breaking, one table per level, pipes and newlines kept inside their cell', () => {
    const md = markdownReport(report);
    expect(md.split('\n')[0]).toBe('### ❌ svc-gen diff: 1 breaking change, 0 warnings, 2 non-breaking changes');
    expect(md).toContain('| users | `GET /users` | `request-parameter-removed` | query parameter q removed | `src/a.ts:3` |');
    expect(md).toContain('| users |  | `response-optional-property-added` | a \\| b added |  |');
    expect(md).not.toContain('#### Warnings');
    expect(markdownReport({ breaking: [], nonBreaking: [], warnings: [] })).toBe(
      '### ✅ svc-gen diff: 0 breaking changes, 0 warnings, 0 non-breaking changes\n',
    );
  });

  it('formatReport picks the format', () => {
    expect(formatReport(report, 'json')).toBe(jsonText(report));
    expect(formatReport(report, 'markdown')).toBe(markdownReport(report));
    expect(formatReport(report, 'text')).toBe(textReport(report));
  });
});
