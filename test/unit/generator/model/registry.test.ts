/** Service names: x-service-name, else the file name, kebab-cased; clashes and unsafe names refused naming both files. */
import { expect, test } from 'vitest';
import { isSvcGenInputError } from '../../../../generator/errors.js';
import { MAX_NAME, serviceNames } from '../../../../generator/model/registry.js';

const spec = (file: string, fallbackName: string, name?: string) => ({
  file,
  fallbackName,
  document: { info: name === undefined ? {} : { 'x-service-name': name } },
});

test('x-service-name wins over the file name; both are kebab-cased', () => {
  expect(serviceNames([spec('a.yaml', 'UserService'), spec('b.yaml', 'b', 'Order Book')])).toEqual(['user-service', 'order-book']);
});

function refusal(specs: ReturnType<typeof spec>[]): string[] {
  try {
    serviceNames(specs);
  } catch (error) {
    if (isSvcGenInputError(error)) return error.problems.map((p) => `${p.code} ${p.file}: ${p.reason}`);
    throw error;
  }
  throw new Error('expected a refusal');
}

test('two specs on one name: SVCGEN_DUPLICATE_SERVICE naming the first file', () => {
  expect(refusal([spec('a.yaml', 'users'), spec('b.yaml', 'x', 'Users')])).toEqual([
    'SVCGEN_DUPLICATE_SERVICE b.yaml: service name "users" is also the name of a.yaml',
  ]);
});

test('device names, over-long names and names with no letters are refused', () => {
  expect(refusal([spec('con.yaml', 'con')])[0]).toMatch(/^SVCGEN_UNSAFE_NAME con.yaml: service name "con" is a device name on Windows/);
  expect(refusal([spec('l.yaml', 'a'.repeat(MAX_NAME + 1))])[0]).toMatch(/^SVCGEN_UNSAFE_NAME l.yaml: .* is longer than 100 characters/);
  expect(refusal([spec('x.yaml', '!!!')])).toEqual(['SVCGEN_INVALID_SPEC x.yaml: cannot derive a service name from "!!!"; set info.x-service-name']);
});
