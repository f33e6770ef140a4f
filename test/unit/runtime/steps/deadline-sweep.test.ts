/** The one deadline timer: each watched call is interrupted at its deadline, in order; unwatched ones are left alone. */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import type { OutgoingRequest } from '../../../../runtime/pipeline.js';
import { unwatch, watch } from '../../../../runtime/steps/deadline-sweep.js';
import { outgoingRequest } from '../../../helpers/outgoing.js';

/** A request due `ms` from now, recording when and why it was interrupted. */
function due(ms: number, ended: string[], name: string): OutgoingRequest {
  const request = outgoingRequest({ deadline: Date.now() + ms });
  request.interrupt = (reason) => ended.push(`${name}: ${(reason as Error).message}`);
  return request;
}

test('calls are interrupted at their deadlines, earliest first, and marked timed out', async () => {
  const ended: string[] = [];
  const late = due(40, ended, 'late');
  const early = due(10, ended, 'early');
  watch(late);
  watch(early);
  await sleep(25);
  expect(ended).toEqual(["early: svc-gen: no complete response before the call's deadline"]);
  expect([early.timedOut, late.timedOut]).toEqual([true, false]);
  await sleep(40);
  expect(ended.map((e) => e.split(':')[0])).toEqual(['early', 'late']);
  expect(late.timedOut).toBe(true);
});

test('an unwatched call is never interrupted; a later call re-arms the timer', async () => {
  const ended: string[] = [];
  const done = due(5, ended, 'done');
  watch(done);
  unwatch(done);
  await sleep(20);
  expect([ended, done.timedOut]).toEqual([[], false]);
  const next = due(5, ended, 'next');
  watch(next);
  await sleep(30);
  expect(ended.map((e) => e.split(':')[0])).toEqual(['next']);
});

test('a deadline already past is interrupted on the next sweep', async () => {
  const ended: string[] = [];
  const past = due(-1000, ended, 'past');
  watch(past);
  expect(past.timedOut).toBe(false);
  await sleep(15);
  expect([past.timedOut, ended.length]).toEqual([true, 1]);
});
