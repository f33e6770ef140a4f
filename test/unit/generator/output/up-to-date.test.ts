/** The fingerprint of what decides the output besides file contents (output/up-to-date.ts `fingerprint`). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FingerprintInput, fingerprint } from '../../../../generator/output/up-to-date.js';

const OUT = path.resolve('/p/out');
const base: FingerprintInput = {
  version: '1.0.0',
  templates: 'T',
  out: OUT,
  runtimeModule: '@svc-gen/runtime',
  refRoot: undefined,
  sources: [{ entry: path.resolve('/p/specs/a.yaml') }],
  defaults: {},
};

describe('fingerprint', () => {
  it('is a stable sha256 hex string', () => {
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint({ ...base })).toBe(fingerprint(base));
  });

  it.each<[string, Partial<FingerprintInput>]>([
    ['version', { version: '1.0.1' }],
    ['templates', { templates: 'T2' }],
    ['runtime module', { runtimeModule: 'rt' }],
    ['ref root', { refRoot: path.resolve('/p') }],
    ['a source entry', { sources: [{ entry: path.resolve('/p/specs/b.yaml') }] }],
    ['a source name', { sources: [{ entry: path.resolve('/p/specs/a.yaml'), name: 'a' }] }],
    ['a source operationIds', { sources: [{ entry: path.resolve('/p/specs/a.yaml'), operationIds: ['x'] }] }],
    ['the defaults', { defaults: { a: { retryCount: 1 } } }],
  ])('changes with %s', (_what, change) => expect(fingerprint({ ...base, ...change })).not.toBe(fingerprint(base)));

  it('paths count relative to out: moving the whole project keeps it', () => {
    const moved: FingerprintInput = { ...base, out: path.resolve('/q/out'), sources: [{ entry: path.resolve('/q/specs/a.yaml') }] };
    expect(fingerprint(moved)).toBe(fingerprint(base));
  });
});
