/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of its three forms
 * (RFC 9110 §5.6.7), which a recipient must accept:
 *   IMF-fixdate   Sun, 06 Nov 1994 08:49:37 GMT
 *   rfc850-date   Sunday, 06-Nov-94 08:49:37 GMT   (obsolete)
 *   asctime-date  Sun Nov  6 08:49:37 1994         (obsolete)
 * Parsed by hand: `Date.parse` accepts far more than the grammar (and differs between engines).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Epoch ms of a valid calendar date and time, else undefined (31 Feb, 25:00 …). */
function utc(year: number, month: string, day: number, h: string, m: string, s: string): number | undefined {
  const mon = MONTHS.indexOf(month);
  const hour = Number(h);
  const minute = Number(m);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 60) return undefined; // 60: a leap second
  const ms = Date.UTC(year, mon, day, hour, minute, Math.min(second, 59));
  const date = new Date(ms);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== mon) return undefined;
  return ms + (second === 60 ? 1000 : 0);
}

/**
 * rfc850-date's two-digit year: a date more than 50 years in the future means the most recent
 * past year with the same last two digits (RFC 9110 §5.6.7).
 */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + twoDigits;
  if (year > current + 50) year -= 100;
  return year;
}

/** Epoch ms of an HTTP-date in any of its three forms, else undefined. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) return utc(Number(match[3]), match[2]!, Number(match[1]), match[4]!, match[5]!, match[6]!);
  match = RFC850_DATE.exec(text);
  if (match) return utc(fullYear(Number(match[3]), now), match[2]!, Number(match[1]), match[4]!, match[5]!, match[6]!);
  match = ASCTIME_DATE.exec(text);
  if (match) return utc(Number(match[6]), match[1]!, Number(match[2]!.trim()), match[3]!, match[4]!, match[5]!);
  return undefined;
}

/** `Retry-After` in ms from `now` (0 for a past date); undefined when absent or not in the grammar. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}
