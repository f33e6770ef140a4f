/**
 * A short line diff for `--check` reports: the changed middle between the common prefix and
 * suffix, capped, with line numbers. Enough to see what drifted without a diff library.
 */

/** At most this many lines of each side are shown. */
const MAX_LINES = 6;

/** `-`/`+` lines describing how `current` (on disk) differs from `expected` (generated). */
export function shortDiff(current: string, expected: string): string {
  const a = current.split('\n');
  const b = expected.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines = [`@@ line ${start + 1} @@`];
  lines.push(...side('-', a.slice(start, endA)), ...side('+', b.slice(start, endB)));
  return lines.join('\n');
}

function side(sign: string, lines: readonly string[]): string[] {
  const shown = lines.slice(0, MAX_LINES).map((l) => `${sign} ${l.length > 160 ? `${l.slice(0, 160)}…` : l}`);
  if (lines.length > MAX_LINES) shown.push(`${sign} … ${lines.length - MAX_LINES} more line(s)`);
  return shown;
}
