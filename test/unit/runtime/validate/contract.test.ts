/**
 * contract.ts is types only (the shape the generator emits): these literals must type-check, the
 * `@ts-expect-error` ones must not, so `npm run typecheck` fails if the shape loosens or tightens.
 */
import { expect, test } from 'vitest';
import type { Contract, ContractParameter, ContractViolation } from '../../../../runtime/validate/contract.js';

const contract = {
  service: 'user',
  components: { schemas: { User: { type: 'object' } } },
  operations: {
    getUser: {
      operationId: 'getUser',
      method: 'GET',
      path: '/users/{id}',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, style: 'label', explode: true }],
      requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } },
      responses: { '200': { content: { 'application/json': { example: { id: 1 } } } }, default: {} },
    },
  },
} satisfies Contract;

test('a contract literal keeps its values', () => {
  expect(contract.operations.getUser.parameters[0]!.in).toBe('path');
  expect(Object.keys(contract.operations.getUser.responses)).toEqual(['200', 'default']);
});

test('parameter locations and styles are closed sets; violations carry a status or undefined', () => {
  // @ts-expect-error 'body' is not a parameter location
  const body: ContractParameter = { name: 'x', in: 'body', required: true };
  // @ts-expect-error 'csv' is not a style
  const csv: ContractParameter = { name: 'x', in: 'query', required: false, style: 'csv' };
  const violation: ContractViolation = { service: 'user', operation: 'GET /x', direction: 'request', status: undefined, pointer: '/query/x', message: 'm' };
  // @ts-expect-error direction is request or response
  const sideways: ContractViolation = { ...violation, direction: 'sideways' };
  expect([body.in, csv.style, violation.status, sideways.direction]).toEqual(['body', 'csv', undefined, 'sideways']);
});
