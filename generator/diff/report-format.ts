/**
 * The three ways a report is printed: JSON (`{ breaking, nonBreaking, warnings }`, each change
 * `{ kind, operation, pointer, message, service[, callSites] }`), text for a terminal, and
 * markdown ready to post as a pull-request comment.
 */
import type { Change, DiffReport } from './change-types.js';

/** What `--format` accepts. */
export type ReportFormat = 'text' | 'markdown' | 'json';

const SECTIONS = [
  ['breaking', 'Breaking'],
  ['warnings', 'Warnings'],
  ['nonBreaking', 'Non-breaking'],
] as const;

/** `--json`: stable keys, in a stable order. */
export function jsonText(report: DiffReport): string {
  const change = (c: Change) => ({
    kind: c.kind,
    operation: c.operation,
    pointer: { old: c.pointer.old, new: c.pointer.new },
    message: c.message,
    service: c.service,
    ...(c.callSites ? { callSites: c.callSites } : {}),
  });
  const body = {
    breaking: report.breaking.map(change),
    nonBreaking: report.nonBreaking.map(change),
    warnings: report.warnings.map(change),
    ...(report.otherCallSites ? { otherCallSites: report.otherCallSites } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function summary(report: DiffReport): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${n(report.breaking.length, 'breaking change', 'breaking changes')}, ${n(report.warnings.length, 'warning', 'warnings')}, ${n(report.nonBreaking.length, 'non-breaking change', 'non-breaking changes')}`;
}

function where(c: Change): string {
  return c.operation ?? '(document)';
}

/** Plain text, one change per line, call sites indented under it. */
export function textReport(report: DiffReport): string {
  const lines = [`svc-gen diff: ${summary(report)}`];
  for (const [key, title] of SECTIONS) {
    if (report[key].length === 0) continue;
    lines.push('', `${title}:`);
    for (const c of report[key]) {
      lines.push(`  ${c.service} ${where(c)} [${c.kind}] ${c.message}`);
      for (const site of c.callSites ?? []) lines.push(`    breaks ${site}`);
    }
  }
  if (report.otherCallSites && report.otherCallSites.length > 0) {
    lines.push('', 'Other call sites that stop compiling:', ...report.otherCallSites.map((s) => `  ${s}`));
  }
  return `${lines.join('\n')}\n`;
}

/** A markdown table cell: pipes and newlines would end the cell or row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown for a pull-request comment: a heading with the counts, one table per level. */
export function markdownReport(report: DiffReport): string {
  const icon = report.breaking.length > 0 ? '❌' : '✅';
  const lines = [`### ${icon} svc-gen diff: ${summary(report)}`];
  for (const [key, title] of SECTIONS) {
    if (report[key].length === 0) continue;
    lines.push('', `#### ${title}`, '', '| Service | Operation | Kind | Change | Breaks |', '| --- | --- | --- | --- | --- |');
    for (const c of report[key]) {
      const sites = (c.callSites ?? []).map((s) => `\`${cell(s)}\``).join('<br>');
      lines.push(`| ${cell(c.service)} | ${c.operation ? `\`${cell(c.operation)}\`` : ''} | \`${c.kind}\` | ${cell(c.message)} | ${sites} |`);
    }
  }
  if (report.otherCallSites && report.otherCallSites.length > 0) {
    lines.push('', '#### Other call sites that stop compiling', '', ...report.otherCallSites.map((s) => `- \`${cell(s)}\``));
  }
  return `${lines.join('\n')}\n`;
}

/** The report in `format`. */
export function formatReport(report: DiffReport, format: ReportFormat): string {
  return format === 'json' ? jsonText(report) : format === 'markdown' ? markdownReport(report) : textReport(report);
}
