/** Insanic's user header, both ways: ids that could rewrite another field are refused; malformed headers read as no user. */
import { expect, test } from 'vitest';
import { deadlineExpired, parseUser, serializeUser } from '../../../runtime/context.js';

test('serializeUser → parseUser round-trips', () => {
  const user = { id: 'u-42', level: 3, isAuthenticated: true };
  expect(serializeUser(user)).toBe('id=u-42;level=3;is_authenticated=1');
  expect(parseUser(serializeUser(user))).toEqual(user);
});

test.each([
  [{ id: '7;level=100', level: 1, isAuthenticated: false }],
  [{ id: 'a=b', level: 1, isAuthenticated: false }],
  [{ id: 'a\nb', level: 1, isAuthenticated: false }],
  [{ id: '日本', level: 1, isAuthenticated: false }],
  [{ id: 'x'.repeat(257), level: 1, isAuthenticated: false }],
  [{ id: 'x', level: 1.5, isAuthenticated: false }],
])('serializeUser refuses %j', (user) => {
  expect(() => serializeUser(user)).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }) }));
});

test.each([
  [undefined, undefined],
  ['', undefined],
  ['level=1', undefined],
  ['id=7;level=high', undefined],
  ['id=7; level=2 ;is_authenticated=0', { id: '7', level: 2, isAuthenticated: false }],
  ['id=;level=-1;is_authenticated=0', { id: '', level: -1, isAuthenticated: false }],
])('parseUser(%j) → %j', (header, want) => expect(parseUser(header)).toEqual(want));

test('deadlineExpired: only a deadline at or before now', () => {
  expect([
    deadlineExpired({ deadline: Date.now() - 1 }),
    deadlineExpired({ deadline: Date.now() + 60_000 }),
    deadlineExpired({}),
    deadlineExpired(undefined),
  ]).toEqual([true, false, false, false]);
});
