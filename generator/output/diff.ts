/**
 * A short line diff for `--check` reports: common prefix and suffix trimmed, the middle aligned by
 * longest common subsequence when small enough (else shown whole), only changed lines printed,
 * capped. Enough to see what drifted without a diff library.
 */

/** At most this many changed lines are shown per file. */
const MAX_LINES = 8;
/** LCS is quadratic; beyond this many cells the middle is shown as one replaced block. */
const MAX_CELLS = 4_000_000;

/** `-`/`+` lines (with `@@ line N @@` headers) describing how `current` (on disk) differs from `expected`. */
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
  const ops = align(a.slice(start, endA), b.slice(start, endB));
  const out: string[] = [];
  let shown = 0;
  let line = start + 1;
  let inHunk = false;
  for (const op of ops) {
    if (op.sign === ' ') {
      line++;
      inHunk = false;
      continue;
    }
    if (shown === MAX_LINES) {
      out.push(`… ${ops.filter((o) => o.sign !== ' ').length - MAX_LINES} more changed line(s)`);
      break;
    }
    if (!inHunk) out.push(`@@ line ${line} @@`);
    inHunk = true;
    out.push(`${op.sign} ${op.text.length > 160 ? `${op.text.slice(0, 160)}…` : op.text}`);
    shown++;
    if (op.sign === '-') line++;
  }
  return out.join('\n');
}

interface Op {
  readonly sign: ' ' | '-' | '+';
  readonly text: string;
}

/** Edit script from `a` to `b`. */
function align(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ sign: '-' as const, text })), ...b.map((text) => ({ sign: '+' as const, text }))];
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ sign: ' ', text: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ sign: '-', text: a[i++]! }); // removals first, as diff(1) prints them
    } else {
      ops.push({ sign: '+', text: b[j++]! });
    }
  }
  return ops;
}
