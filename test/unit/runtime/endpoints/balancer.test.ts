/** Power of two choices with a seeded random: the less busy of two, ejected endpoints skipped, the previous one avoided. */
import { expect, test } from 'vitest';
import { pick } from '../../../../runtime/endpoints/balancer.js';

const endpoint = (name: string, pending: number, available = true) => ({ name, pending, available: () => available });
/** A `random` that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

test('of the two drawn, the one with fewer requests in flight', () => {
  const [a, b, c] = [endpoint('a', 5), endpoint('b', 1), endpoint('c', 3)];
  // i = floor(0 * 3) = 0 (a); j = floor(0.5 * 2) = 1, >= i so 2 (c): c has fewer than a.
  expect(pick([a, b, c], 0, undefined, sequence(0, 0.5)).name).toBe('c');
  // i = 0 (a); j = 0, >= i so 1 (b).
  expect(pick([a, b, c], 0, undefined, sequence(0, 0)).name).toBe('b');
});

test('ejected endpoints are skipped; when all are ejected all are used again', () => {
  const [a, b] = [endpoint('a', 0, false), endpoint('b', 9)];
  expect(pick([a, b], 0).name).toBe('b');
  const [x, y] = [endpoint('x', 3, false), endpoint('y', 1, false)];
  expect(pick([x, y], 0, undefined, sequence(0, 0)).name).toBe('y');
});

test("the previous attempt's endpoint is avoided while another is available", () => {
  const [a, b] = [endpoint('a', 0), endpoint('b', 9)];
  expect(pick([a, b], 0, a).name).toBe('b');
  expect(pick([a], 0, a).name).toBe('a');
});
