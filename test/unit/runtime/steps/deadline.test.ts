/** The deadline header: the milliseconds left, whole and never negative, under the configured name. */
import { expect, test } from 'vitest';
import { stampDeadline } from '../../../../runtime/steps/deadline.js';
import { outgoingRequest, scripted } from '../../../helpers/outgoing.js';

test.each([
  [250_000, 249_000, 250_000],
  [-5000, 0, 0],
])('a deadline %i ms away is sent as a value in [%i, %i]', async (ahead, low, high) => {
  const next = scripted(200);
  await stampDeadline('X-Svc-Deadline-Ms')(next)(outgoingRequest({ deadline: Date.now() + ahead }));
  const value = next.seen[0]!.headers['x-svc-deadline-ms'];
  expect(value).toMatch(/^\d+$/);
  expect(Number(value)).toBeGreaterThanOrEqual(low);
  expect(Number(value)).toBeLessThanOrEqual(high);
});
