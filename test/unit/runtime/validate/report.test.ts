/** The default onContractViolation: one warning per service, operation, direction and pointer. */
import { afterEach, expect, test, vi } from 'vitest';
import type { ContractViolation } from '../../../../runtime/validate/contract.js';
import { logViolationOnce, MAX_LOGGED_VIOLATIONS } from '../../../../runtime/validate/report.js';

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

// Runs last in this file: it fills the process's seen-set.
test('after MAX_LOGGED_VIOLATIONS distinct keys one line says so, and nothing more is logged or kept', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  for (let i = 0; i < MAX_LOGGED_VIOLATIONS + 50; i++) logViolationOnce({ ...v, service: 'report-cap', pointer: `/body/items/${i}` });
  const lines = warn.mock.calls.map((c) => String(c[0]));
  expect(lines.length).toBeLessThanOrEqual(MAX_LOGGED_VIOLATIONS + 1);
  expect(lines.at(-1)).toBe(
    `svc-gen: ${MAX_LOGGED_VIOLATIONS} distinct contract violations logged; further ones are not (pass onContractViolation to see them all)`,
  );
  expect(lines.filter((l) => l.startsWith('svc-gen: 1000 distinct'))).toHaveLength(1);
});
