/** The default onContractViolation: one warning per service, operation, direction and pointer. */
import { afterEach, expect, test, vi } from 'vitest';
import type { ContractViolation } from '../../../../runtime/validate/contract.js';
import { logViolationOnce } from '../../../../runtime/validate/report.js';

afterEach(() => {
  vi.restoreAllMocks();
});

// The seen-set lives for the process: a service name of this file's own keeps other files out of it.
const v: ContractViolation = {
  service: 'report-test',
  operation: 'getUser',
  direction: 'response',
  status: 200,
  pointer: '/body/id',
  message: '/body/id must be integer',
};

test('the first violation of a key is warned, repeats are not, another pointer or direction is', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  logViolationOnce(v);
  logViolationOnce({ ...v, message: 'other wording, same key' });
  logViolationOnce({ ...v, pointer: '/body/name', message: '/body/name is required' });
  logViolationOnce({ ...v, direction: 'request', status: undefined, pointer: '/body/id', message: '/body/id must be string' });
  expect(warn.mock.calls).toEqual([
    ['svc-gen: contract violation: report-test.getUser response (200): /body/id must be integer'],
    ['svc-gen: contract violation: report-test.getUser response (200): /body/name is required'],
    ['svc-gen: contract violation: report-test.getUser request: /body/id must be string'],
  ]);
});
