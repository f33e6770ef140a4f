/** Outlier ejection on an explicit clock: N failures in a row eject, probation doubles, a success clears. */
import { expect, test } from 'vitest';
import { Outlier } from '../../../../runtime/endpoints/outlier.js';

test('ejectAfterFailures failures in a row eject for ejectMs; a success in between resets the count', () => {
  const o = new Outlier({ ejectAfterFailures: 3, ejectMs: 100 });
  o.record(true, 0);
  o.record(true, 0);
  o.record(false, 0);
  o.record(true, 0);
  o.record(true, 0);
  expect(o.available(0)).toBe(true);
  o.record(true, 0);
  expect([o.available(99), o.ejected(99), o.available(100), o.ejected(100)]).toEqual([false, true, true, false]);
});

test('on probation each failure ejects again for twice as long; a success ends probation', () => {
  const o = new Outlier({ ejectAfterFailures: 2, ejectMs: 100 });
  o.record(true, 0);
  o.record(true, 0); // ejected until 100
  o.record(true, 100); // on probation: until 300
  expect([o.available(299), o.available(300)]).toEqual([false, true]);
  o.record(true, 300); // until 700
  expect([o.available(699), o.available(700)]).toEqual([false, true]);
  o.record(false, 700); // cleared
  o.record(true, 700);
  expect(o.available(700)).toBe(true); // one failure is not enough off probation
  o.record(true, 700);
  expect([o.available(799), o.available(800)]).toEqual([false, true]); // back to ejectMs
});

test('probation ejections stop doubling at 8 times ejectMs', () => {
  const o = new Outlier({ ejectAfterFailures: 1, ejectMs: 100 });
  let now = 0;
  const lengths: number[] = [];
  for (let i = 0; i < 7; i++) {
    o.record(true, now);
    let until = now;
    while (!o.available(until)) until += 50;
    lengths.push(until - now);
    now = until;
  }
  expect(lengths).toEqual([100, 200, 400, 800, 800, 800, 800]);
});
