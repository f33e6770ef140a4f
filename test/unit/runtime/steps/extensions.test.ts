/** Which user steps run per call and which per attempt, globally then per service, in that order. */
import { expect, test } from 'vitest';
import type { Step } from '../../../../runtime/pipeline.js';
import { resolveSettings } from '../../../../runtime/settings.js';
import { attemptExtensions, callExtensions } from '../../../../runtime/steps/extensions.js';

const step = (): Step => (next) => (request) => next(request);

test('bare steps run per call, `{ per: "attempt" }` per attempt; global ones first, then the service’s', () => {
  const [globalCall, globalAttempt, ownCall, ownAttempt, otherCall] = [step(), step(), step(), step(), step()];
  const settings = resolveSettings(
    {
      steps: [globalCall, { per: 'attempt', step: globalAttempt }],
      services: {
        user: {
          steps: [
            { per: 'call', step: ownCall },
            { per: 'attempt', step: ownAttempt },
          ],
        },
        other: { steps: [otherCall] },
      },
    },
    {},
  );
  expect(callExtensions('user', settings)).toEqual([globalCall, ownCall]);
  expect(attemptExtensions('user', settings)).toEqual([globalAttempt, ownAttempt]);
  expect(callExtensions('third', settings)).toEqual([globalCall]);
});

test('validation adds one per-call step, last, only when a mode is on', () => {
  const off = resolveSettings({}, {});
  expect(callExtensions('user', off)).toEqual([]);
  const on = resolveSettings({ validate: { requests: 'warn' } }, {});
  expect(callExtensions('user', on)).toHaveLength(1);
});
