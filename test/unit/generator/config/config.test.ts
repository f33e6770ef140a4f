/** Config values checked (config/config.ts `validateConfig`/`validateServices`), on literal objects: every problem collected, with its pointer. */
import { describe, expect, it } from 'vitest';
import { validateConfig, validateServices } from '../../../../generator/config/config.js';
import { SvcGenInputError } from '../../../../generator/errors.js';

/** The problems `fn` throws, as `pointer: reason` lines. */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof SvcGenInputError)) throw e;
    return e.problems.map((p) => `${p.location.pointer}: ${p.reason}`);
  }
  throw new Error('expected an input error');
}

describe('validateConfig', () => {
  it('a well-formed config is returned as is', () => {
    const value = {
      $schema: 's',
      inputs: [],
      out: 'gen',
      runtimeModule: 'rt',
      refRoot: '..',
      services: { 'my-api': { spec: 'a.yaml', operationIds: ['x'], retryCount: 0, timeout: 1.5 } },
    };
    expect(validateConfig(value, 'c.json')).toBe(value);
  });

  it('a non-object is refused at the root', () => {
    expect(problems(() => validateConfig([], 'c.json'))).toEqual([': the config must be an object, got an array']);
    expect(problems(() => validateConfig(null, 'c.json'))).toEqual([': the config must be an object, got null']);
  });

  it('unknown keys suggest a near one; every wrong value is reported', () => {
    expect(problems(() => validateConfig({ ouput: 'x', inputs: 'a', out: ' ', refRoot: 3, $schema: 1 }, 'c.json'))).toEqual([
      '/ouput: unknown key "ouput" (did you mean "out"?); known keys: $schema, inputs, out, services, runtimeModule, refRoot',
      '/$schema: "$schema" must be a string',
      '/inputs: "inputs" must be an array of non-empty strings',
      '/out: "out" must be a non-empty string',
      '/refRoot: "refRoot" must be a non-empty string (a folder)',
    ]);
  });

  it('services: kebab-case keys, required spec, bounded retryCount, positive timeout, operationIds without repeats', () => {
    const services = {
      MyApi: { spec: 'a.yaml' },
      b: { spec: 'b.yaml', retryCount: 101, timeout: 0, operationIds: ['x', 'x'] },
      c: { operationIds: [], sepc: 'c.yaml' },
      d: 'd.yaml',
    };
    expect(problems(() => validateConfig({ services }, 'c.json'))).toEqual([
      '/services/MyApi: service name "MyApi" is not a registry key (kebab-case); use "my-api"',
      '/services/b/operationIds: services["b"].operationIds lists "x" twice',
      '/services/b/retryCount: services["b"].retryCount must be an integer from 0 to 100, got 101',
      '/services/b/timeout: services["b"].timeout must be a positive number of milliseconds, got 0',
      '/services/c/sepc: unknown key "sepc" in services["c"] (did you mean "spec"?); known keys: spec, operationIds, retryCount, timeout',
      '/services/c/spec: services["c"].spec is required (a spec file, or a folder with an openapi.yaml entry)',
      '/services/c/operationIds: services["c"].operationIds must list at least one entry (leave it out to include every operation)',
      '/services/d: services["d"] must be an object like { "spec": "path/to/spec.yaml" }, got "d.yaml"',
    ]);
  });

  it('a service key with a slash is pointer-escaped', () => {
    expect(problems(() => validateConfig({ services: { 'a/b': { spec: 'x' } } }, 'c.json'))).toEqual([
      '/services/a~1b: service name "a/b" is not a registry key (kebab-case); use "a-b"',
    ]);
  });
});

describe('validateServices', () => {
  it('undefined is fine; anything else is checked against `where`', () => {
    expect(validateServices(undefined, 'api')).toBeUndefined();
    expect(validateServices({ a: { spec: 'x' } }, 'api')).toBeUndefined();
    expect(problems(() => validateServices([], 'api'))).toEqual(['/services: "services" must be an object keyed by service name, got an array']);
  });
});
