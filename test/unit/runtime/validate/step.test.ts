/** The validation step with an injected `next`: requests checked before sending, responses after, per mode. */
import { expect, test, vi } from 'vitest';
import { APIException } from '../../../../runtime/errors.js';
import type { ContractViolation } from '../../../../runtime/validate/contract.js';
import { registerContracts } from '../../../../runtime/validate/contracts.js';
import { type ValidateSettings, validationStep } from '../../../../runtime/validate/step.js';
import { outgoingRequest, response, scripted } from '../../../helpers/outgoing.js';

const contract = (service: string) => ({
  service,
  components: { schemas: {} },
  operations: {
    getUser: {
      operationId: 'getUser',
      method: 'GET',
      path: '/users/{id}',
      parameters: [
        { name: 'id', in: 'path' as const, required: true, schema: { type: 'integer' } },
        { name: 'limit', in: 'query' as const, required: false, schema: { type: 'integer', maximum: 10 } },
      ],
      responses: { '200': { content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } } },
    },
  },
});

let n = 0;
/** The step for a freshly registered service (registrations are global), with the violations it reported. */
function stepFor(modes: ValidateSettings) {
  const service = `svc${++n}`;
  registerContracts({ [service]: async () => ({ contract: contract(service) }) });
  const seen: ContractViolation[] = [];
  return { service, seen, step: validationStep(service, modes, (v) => seen.push(v))! };
}

const json = (body: unknown) => response(200, { 'content-type': 'application/json' }, JSON.stringify(body));
const call = (service: string, path: string, operation = 'getUser') => outgoingRequest({ service, operation, path, url: `http://127.0.0.1:1${path}` });

test('both modes off: no step at all', () => {
  expect(validationStep('svc', {}, () => {})).toBeUndefined();
  expect(validationStep('svc', { requests: 'off', responses: 'off' }, () => {})).toBeUndefined();
});

test('requests: throw fails a bad request with contract_violation (400) and never sends it', async () => {
  const { service, seen, step } = stepFor({ requests: 'throw' });
  const next = scripted(json({ name: 'a' }));
  const error = await step(next)(call(service, '/users/abc?limit=50')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIException);
  expect([(error as APIException).statusCode, (error as APIException).errorCode.name]).toEqual([400, 'contract_violation']);
  expect(next.seen).toHaveLength(0);
  expect(seen.map((v) => [v.service, v.operation, v.direction, v.status, v.pointer])).toEqual([
    [service, 'getUser', 'request', undefined, '/path/id'],
    [service, 'getUser', 'request', undefined, '/query/limit'],
  ]);
});

test('requests: warn reports and sends anyway; a good request reports nothing', async () => {
  const { service, seen, step } = stepFor({ requests: 'warn' });
  const next = scripted(json({ name: 'a' }));
  await step(next)(call(service, '/users/abc'));
  await step(next)(call(service, '/users/7?limit=3'));
  expect(next.seen).toHaveLength(2);
  expect(seen.map((v) => v.pointer)).toEqual(['/path/id']);
});

test('responses: throw fails a bad 200 body with 502 after the one send; warn returns it', async () => {
  const thrown = stepFor({ responses: 'throw' });
  const next = scripted(json({ name: 7 }));
  const error = (await thrown
    .step(next)(call(thrown.service, '/users/1'))
    .catch((e: unknown) => e)) as APIException;
  expect([error.statusCode, error.errorCode.name, next.seen.length]).toEqual([502, 'contract_violation', 1]);
  expect(thrown.seen.map((v) => [v.direction, v.status, v.pointer])).toEqual([['response', 200, '/body/name']]);

  const warned = stepFor({ responses: 'warn' });
  const answered = await warned.step(scripted(json({})))(call(warned.service, '/users/1'));
  expect(answered.status).toBe(200);
  expect(warned.seen.map((v) => v.pointer)).toEqual(['/body/name']);
});

test('a call the contract does not know goes through unchecked', async () => {
  const { service, seen, step } = stepFor({ requests: 'throw', responses: 'throw' });
  const next = scripted(json({ name: 7 }));
  const answered = await step(next)(call(service, '/orders/abc', 'listOrders'));
  expect([answered.status, next.seen.length, seen]).toEqual([200, 1, []]);
});

test('no registered contract: one warning, calls pass through', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const step = validationStep('unregistered-svc', { requests: 'throw' }, () => {})!;
    const next = scripted(200);
    await step(next)(call('unregistered-svc', '/users/abc'));
    await step(next)(call('unregistered-svc', '/users/abc'));
    expect(next.seen).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('validation is on for "unregistered-svc" but no contract is registered');
  } finally {
    warn.mockRestore();
  }
});
