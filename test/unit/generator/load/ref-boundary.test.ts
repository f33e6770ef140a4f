/** The folder a spec's `$ref`s may read from (load/ref-boundary.ts): an explicit refRoot, and how a boundary is named. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBoundary, refBoundary } from '../../../../generator/load/ref-boundary.js';

describe('refBoundary', () => {
  it('an explicit refRoot wins, resolved', () => {
    expect(refBoundary('/any/spec.yaml', '/shared/../shared/specs')).toEqual({ root: path.resolve('/shared/specs'), kind: 'ref-root' });
  });
});

describe('describeBoundary', () => {
  it.each([
    [{ root: '/a', kind: 'ref-root' }, 'the --ref-root folder /a'],
    [{ root: '/r', kind: 'repository' }, 'the repository (nearest .git) /r'],
    [{ root: '/s', kind: 'folder' }, "the spec's folder /s"],
  ] as const)('%j → %s', (b, want) => expect(describeBoundary(b)).toBe(want));
});
