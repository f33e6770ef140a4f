/** Input errors (generator/errors.ts): the `file:line:col (pointer): reason` format, every problem kept, the cross-copy brand. */
import { describe, expect, it } from 'vitest';
import { formatProblem, type InputProblem, inputError, isSvcGenInputError, SvcGenInputError } from '../../../generator/errors.js';

const problem = (location: InputProblem['location'], code: InputProblem['code'] = 'SVCGEN_SYNTAX'): InputProblem => ({
  code,
  file: 'specs/a.yaml',
  location,
  reason: 'bad',
});

describe('formatProblem', () => {
  const cases: [string, InputProblem['location'], string][] = [
    ['no location', {}, 'specs/a.yaml: bad'],
    ['line only', { line: 3 }, 'specs/a.yaml:3: bad'],
    ['line and column', { line: 3, column: 7 }, 'specs/a.yaml:3:7: bad'],
    ['a column without a line is not shown', { column: 7 }, 'specs/a.yaml: bad'],
    ['pointer', { pointer: '/paths/~1a' }, 'specs/a.yaml (#/paths/~1a): bad'],
    ['the root pointer', { pointer: '' }, 'specs/a.yaml (#): bad'],
    ['everything', { line: 1, column: 2, pointer: '/info' }, 'specs/a.yaml:1:2 (#/info): bad'],
  ];
  it.each(cases)('%s', (_name, location, want) => expect(formatProblem(problem(location))).toBe(want));
});

describe('SvcGenInputError', () => {
  it('carries every problem, one line each in the message, and the first one’s code', () => {
    const e = new SvcGenInputError([problem({ line: 1 }, 'SVCGEN_NOT_OPENAPI'), problem({ pointer: '/x' }, 'SVCGEN_INVALID_SPEC')]);
    expect(e.message).toBe('specs/a.yaml:1: bad\nspecs/a.yaml (#/x): bad');
    expect(e.code).toBe('SVCGEN_NOT_OPENAPI');
    expect(e.problems).toHaveLength(2);
    expect(e.name).toBe('SvcGenInputError');
    expect(e).toBeInstanceOf(Error);
  });

  it('with no problems the code is SVCGEN_USAGE', () => {
    expect(new SvcGenInputError([]).code).toBe('SVCGEN_USAGE');
  });
});

describe('inputError', () => {
  it('makes a one-problem error, location empty unless given', () => {
    const e = inputError('SVCGEN_PATH_NOT_FOUND', 'missing.yaml', 'no such file');
    expect([e.code, e.message]).toEqual(['SVCGEN_PATH_NOT_FOUND', 'missing.yaml: no such file']);
    expect(e.problems).toEqual([{ code: 'SVCGEN_PATH_NOT_FOUND', file: 'missing.yaml', location: {}, reason: 'no such file' }]);
    expect(inputError('SVCGEN_SYNTAX', 'a.json', 'oops', { line: 2, column: 5 }).message).toBe('a.json:2:5: oops');
  });
});

describe('isSvcGenInputError', () => {
  it('is true for an input error and for an object with the same global brand (another copy of the package)', () => {
    expect(isSvcGenInputError(inputError('SVCGEN_CONFIG', 'c', 'r'))).toBe(true);
    expect(isSvcGenInputError({ [Symbol.for('svc-gen.error')]: true })).toBe(true);
  });

  it('is false for other errors and values', () => {
    const lookalike = Object.assign(new Error('x'), { code: 'SVCGEN_CONFIG', problems: [] });
    for (const v of [lookalike, { [Symbol('svc-gen.error')]: true }, null, undefined, 'SVCGEN_CONFIG', 1]) expect(isSvcGenInputError(v)).toBe(false);
  });
});
