/** The contract compiled by ajv (draft 2020-12): checks by JSON pointer, cached; formats known and unknown. */
import { describe, expect, test } from 'vitest';
import { compileContract, segment } from '../../../../runtime/validate/compile.js';
import type { Contract } from '../../../../runtime/validate/contract.js';

const contract: Contract = {
  service: 'compile-test',
  components: { schemas: { Phone: { type: 'string', format: 'phone' }, When: { type: 'string', format: 'date-time' } } },
  operations: {
    'a/b~c': {
      operationId: 'x',
      method: 'POST',
      path: '/',
      parameters: [],
      requestBody: { required: true, content: { 'application/json': { schema: { type: ['integer', 'null'], exclusiveMinimum: 0 } } } },
      responses: {},
    },
  },
};

test('segment escapes ~ then /', () => {
  expect(segment('a/b~c')).toBe('a~1b~0c');
  expect(segment('~1')).toBe('~01');
});

describe('compileContract', () => {
  test('a check per pointer, compiled once; 2020-12 keywords', async () => {
    const schemas = await compileContract(contract);
    const pointer = `#/operations/${segment('a/b~c')}/requestBody/content/application~1json/schema`;
    const check = schemas.check(pointer);
    expect(schemas.check(pointer)).toBe(check);
    expect([check(1), check(null), check(0), check('1')]).toEqual([true, true, false, false]);
    expect(check.errors?.[0]).toMatchObject({ instancePath: '', keyword: 'type' });
  });

  test('known formats are checked, a format of its own is accepted as it is', async () => {
    const schemas = await compileContract(contract);
    const when = schemas.check('#/components/schemas/When');
    expect([when('2026-01-01T00:00:00Z'), when('yesterday')]).toEqual([true, false]);
    expect(schemas.check('#/components/schemas/Phone')('anything')).toBe(true);
  });

  test('no schema at a pointer: an error naming it', async () => {
    const schemas = await compileContract(contract);
    expect(() => schemas.check('#/nope')).toThrow('svc-gen: no schema at #/nope in the contract of compile-test');
  });
});
