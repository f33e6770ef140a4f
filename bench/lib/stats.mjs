// Small statistics and table printing shared by the benchmark scripts.
import os from 'node:os';

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The q-quantile (0..1) of numbers. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Print rows (arrays of cells) as an aligned Markdown table. */
export function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** `median (min–max)` of a list, with a formatter. */
export function spread(values, format = (v) => v.toFixed(0)) {
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** Ratios taken per run (`runs[i][field] / bases[i][field]`: same minute, same load), as `median (min–max)`. */
export function ratioSpread(runs, bases, field) {
  return spread(
    runs.map((r, i) => r[field] / bases[i][field]),
    (v) => `${v.toFixed(2)}x`,
  );
}

/** The machine's load average (1, 5, 15 min), as the tables print it. */
export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}
