/** Raw options → resolved options, and flags over a config file (config/options.ts). Paths only resolved, never read. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeConfig, resolveOptions } from '../../../../generator/config/options.js';
import { SvcGenInputError } from '../../../../generator/errors.js';

const CWD = path.resolve('/work/project');

describe('resolveOptions', () => {
  it('fills every default and resolves paths against cwd', () => {
    expect(resolveOptions({ out: 'gen', cwd: CWD })).toEqual({
      cwd: CWD,
      inputs: [],
      out: path.join(CWD, 'gen'),
      services: [],
      check: false,
      runtimeModule: '@svc-gen/runtime',
      refRoot: undefined,
    });
  });

  it('keeps what is given; services are sorted by name with absolute specs', () => {
    const r = resolveOptions({
      cwd: CWD,
      out: '/abs/out',
      inputs: ['specs', '../other.yaml'],
      check: true,
      runtimeModule: 'my-runtime',
      refRoot: '..',
      services: { zeta: { spec: 'z.yaml', timeout: 500 }, alpha: { spec: '/a.yaml', operationIds: ['getA'], retryCount: 2 } },
    });
    expect(r.inputs).toEqual([path.join(CWD, 'specs'), path.resolve(CWD, '../other.yaml')]);
    expect([r.out, r.check, r.runtimeModule, r.refRoot]).toEqual([path.resolve('/abs/out'), true, 'my-runtime', path.resolve(CWD, '..')]);
    expect(r.services).toEqual([
      { name: 'alpha', spec: path.resolve('/a.yaml'), operationIds: ['getA'], retryCount: 2, timeout: undefined },
      { name: 'zeta', spec: path.join(CWD, 'z.yaml'), operationIds: undefined, retryCount: undefined, timeout: 500 },
    ]);
  });

  it('malformed services are an SVCGEN_CONFIG error naming generate() options', () => {
    const thrown = (() => {
      try {
        resolveOptions({ out: 'x', cwd: CWD, services: { Bad_Name: { spec: '' } } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(SvcGenInputError);
    const problems = (thrown as SvcGenInputError).problems;
    expect(problems.map((p) => [p.code, p.file, p.location.pointer])).toEqual([
      ['SVCGEN_CONFIG', 'generate() options', '/services/Bad_Name'],
      ['SVCGEN_CONFIG', 'generate() options', '/services/Bad_Name/spec'],
    ]);
  });
});

describe('mergeConfig', () => {
  const flags = { inputs: [], out: undefined, check: false, runtimeModule: undefined, refRoot: undefined };
  const config = {
    file: '/cfg/svc-gen.config.json',
    config: { inputs: ['/cfg/specs'], out: '/cfg/out', runtimeModule: 'rt', refRoot: '/cfg', services: { a: { spec: '/cfg/a.yaml' } } },
  };

  it('without flags the config file decides', () => {
    expect(mergeConfig(flags, config, CWD)).toEqual({
      cwd: CWD,
      inputs: ['/cfg/specs'],
      out: '/cfg/out',
      check: false,
      services: { a: { spec: '/cfg/a.yaml' } },
      runtimeModule: 'rt',
      refRoot: '/cfg',
    });
  });

  it('flags replace inputs, out, runtimeModule and refRoot; services always apply', () => {
    const r = mergeConfig({ inputs: ['x.yaml'], out: 'o', check: true, runtimeModule: 'r2', refRoot: '.' }, config, CWD);
    expect(r).toEqual({ cwd: CWD, inputs: ['x.yaml'], out: 'o', check: true, services: { a: { spec: '/cfg/a.yaml' } }, runtimeModule: 'r2', refRoot: '.' });
  });

  it('no config and no --out: out is undefined and optional keys are absent', () => {
    const r = mergeConfig(flags, undefined, CWD);
    expect(r).toEqual({ cwd: CWD, inputs: [], out: undefined, check: false });
    expect(Object.keys(r)).not.toContain('runtimeModule');
  });
});
