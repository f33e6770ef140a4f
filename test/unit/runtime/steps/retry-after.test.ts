/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds and the three HTTP-date forms of §5.6.7, one row
 * per form with exact inputs (each form on a real server's 503: test/runtime/retry-after.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { parseHttpDate, retryAfterMs } from '../../../../runtime/steps/retry-after.js';

// RFC 9110 §5.6.7's own example instant: Sun, 06 Nov 1994 08:49:37 GMT.
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

type Row = [name: string, header: string, now: number, want: number | undefined];
const rows: Row[] = [
  ['delay-seconds', '120', EXAMPLE, 120_000],
  ['delay-seconds 0', '0', EXAMPLE, 0],
  ['delay-seconds with surrounding whitespace', ' 3 ', EXAMPLE, 3000],
  ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', EXAMPLE - 3000, 3000],
  ['rfc850-date', 'Sunday, 06-Nov-94 08:49:37 GMT', EXAMPLE - 3000, 3000],
  ['asctime-date (space-padded day)', 'Sun Nov  6 08:49:37 1994', EXAMPLE - 3000, 3000],
  ['asctime-date (two-digit day)', 'Thu Nov 24 00:00:05 2026', Date.UTC(2026, 10, 24), 5000],
  ['IMF-fixdate in the past → 0', 'Sun, 06 Nov 1994 08:49:37 GMT', EXAMPLE + 60_000, 0],
  ['IMF-fixdate with a leap second', 'Wed, 31 Dec 2025 23:59:60 GMT', Date.UTC(2025, 11, 31, 23, 59, 59), 1000],
  ['negative seconds', '-1', EXAMPLE, undefined],
  ['fractional seconds', '1.5', EXAMPLE, undefined],
  ['IMF-fixdate with UTC instead of GMT', 'Sun, 06 Nov 1994 08:49:37 UTC', EXAMPLE, undefined],
  ['IMF-fixdate with a day that does not exist', 'Thu, 31 Feb 1994 08:49:37 GMT', EXAMPLE, undefined],
  ['IMF-fixdate with hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT', EXAMPLE, undefined],
  ['rfc850-date with a short day name', 'Sun, 06-Nov-94 08:49:37 GMT', EXAMPLE, undefined],
  ['asctime-date with GMT appended', 'Sun Nov  6 08:49:37 1994 GMT', EXAMPLE, undefined],
  ['ISO 8601 (not an HTTP-date)', '1994-11-06T08:49:37Z', EXAMPLE, undefined],
  ['empty', '', EXAMPLE, undefined],
];

describe('retryAfterMs, one row per form', () => {
  test.each(rows)('%s: %j', (_name, header, now, want) => {
    expect(retryAfterMs(header, now)).toBe(want);
  });
});

describe("rfc850-date's two-digit year (RFC 9110 §5.6.7: more than 50 years ahead means the past century)", () => {
  const now = Date.UTC(2026, 0, 1);
  test.each([
    ['Friday, 01-Jan-76 00:00:00 GMT', Date.UTC(2076, 0, 1)], // 50 years ahead: still the future
    ['Friday, 01-Jan-77 00:00:00 GMT', Date.UTC(1977, 0, 1)], // 51 years ahead: the past
    ['Thursday, 01-Jan-26 00:00:00 GMT', Date.UTC(2026, 0, 1)],
  ])('%s', (text, want) => expect(parseHttpDate(text, now)).toBe(want));
});

test('a repeated header: the first value counts', () => {
  expect(retryAfterMs(['2', '9'], 0)).toBe(2000);
});
