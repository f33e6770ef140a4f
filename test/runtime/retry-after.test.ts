/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds and the three HTTP-date forms of §5.6.7, one row
 * per form with exact inputs, then each date form against a real server that answers 503.
 */

import { APIException, closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { parseHttpDate, retryAfterMs } from '../../runtime/steps/retry-after.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

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

describe('each date form, on a 503 from a real server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await closeAll();
    await server?.close();
    server = undefined;
  });

  // An hour ahead is past retryAfterMaxMs, so a parsed date surfaces the 503 at once (1 attempt);
  // a date the parser ignored would fall back to the backoff and make 3 attempts.
  const hourAhead = (form: (d: Date) => string) => form(new Date(Date.now() + 3_600_000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const forms: [string, (d: Date) => string][] = [
    ['IMF-fixdate', (d) => d.toUTCString()],
    ['rfc850-date', (d) => `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${time(d)} GMT`],
    [
      'asctime-date',
      (d) => `${DAYS[d.getUTCDay()]!.slice(0, 3)} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${d.getUTCFullYear()}`,
    ],
  ];

  test.each(forms)('%s an hour ahead: the 503 surfaces after one attempt', async (_name, form) => {
    const header = hourAhead(form);
    server = await startServer((_req, res) => json(res, 503, { error: 'later' }, { 'retry-after': header }));
    configure({ serviceConnections: ['user'], retryBackoffBaseMs: 1, services: { user: { url: server.url } } });
    const error = await getService('user')
      .httpDispatch('GET', '/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  test.each(forms)('%s in the past: retried at once, then succeeds', async (_name, form) => {
    const header = form(new Date(Date.now() - 60_000));
    server = await startServer((_req, res, _r, index) => (index === 0 ? json(res, 503, {}, { 'retry-after': header }) : json(res, 200, { ok: true })));
    configure({ serviceConnections: ['user'], retryBackoffBaseMs: 60_000, retryBackoffMaxMs: 60_000, services: { user: { url: server.url } } });
    // The backoff alone (up to 60 s) would outlast the 2 s timeout; a parsed past date means no wait.
    await expect(getService('user').httpDispatch('GET', '/x', { responseTimeout: 2000 })).resolves.toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
  });
});
