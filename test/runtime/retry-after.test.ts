/**
 * Retry-After (RFC 9110 §10.2.3): each HTTP-date form of §5.6.7 against a real server that answers
 * 503 (the parser's rows, one per form with exact inputs: test/unit/runtime/steps/retry-after.test.ts).
 */

import { APIException, getService } from 'svc-gen/runtime';
import { describe, expect, test } from 'vitest';
import { servedService } from '../helpers/served.js';
import { json } from '../helpers/server.js';

describe('each date form, on a 503 from a real server', () => {
  const served = servedService('user', { retryBackoffBaseMs: 1 });

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
    await served.start((_req, res) => json(res, 503, { error: 'later' }, { 'retry-after': header }), { retryBackoffBaseMs: 1 });
    const error = await getService('user')
      .httpDispatch('GET', '/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 503, attempts: 1 });
    expect(served.server.received).toHaveLength(1);
  });

  test.each(forms)('%s in the past: retried at once, then succeeds', async (_name, form) => {
    const header = form(new Date(Date.now() - 60_000));
    await served.start((_req, res, _r, index) => (index === 0 ? json(res, 503, {}, { 'retry-after': header }) : json(res, 200, { ok: true })), {
      retryBackoffBaseMs: 60_000,
      retryBackoffMaxMs: 60_000,
    });
    // The backoff alone (up to 60 s) would outlast the 2 s timeout; a parsed past date means no wait.
    await expect(getService('user').httpDispatch('GET', '/x', { responseTimeout: 2000 })).resolves.toEqual({ ok: true });
    expect(served.server.received).toHaveLength(2);
  });
});
