/**
 * YAML as real specs write it. Two things YAML 1.2 refuses are accepted by js-yaml (which
 * @redocly/openapi-core, and so openapi-typescript, parse with) and by `yaml`'s non-strict mode,
 * and occur in published specs:
 * - a `#` comment right after a closing quote, with no space (`description: "x"# note`): `yaml`
 *   flags it only in strict mode, so parse.ts composes non-strictly when strict mode finds nothing else;
 * - continuation lines of a multi-line quoted string indented less than (or as much as) its key.
 *   `yaml` cannot read that in any mode; js-yaml reads the string up to its closing quote. Leading
 *   white space of a continuation line is not part of a quoted string's value (it is folded away),
 *   so indenting those lines further changes no value: `repairQuotedIndent` does that, one string at
 *   a time, and parse.ts parses again. Every repair and every lenient comment is a warning with its line.
 */
import type { CST } from 'yaml';

/** A repaired text and the 1-based line where the repaired string starts. */
export interface Repair {
  readonly text: string;
  readonly line: number;
}

/**
 * The first quoted scalar in block context that the lexer cut short (no closing quote in its
 * source) re-indented past its parent's indentation up to its real closing quote; undefined when
 * there is none, when the quote never closes, or when a document marker (`---`, `...`) lies in between.
 */
export function repairQuotedIndent(text: string, tokens: readonly CST.Token[]): Repair | undefined {
  const cut = firstCutScalar(tokens);
  if (cut === undefined) return undefined;
  const end = closingQuote(text, cut.offset);
  if (end === undefined) return undefined;
  const firstBreak = text.indexOf('\n', cut.offset);
  if (firstBreak < 0 || firstBreak > end) return undefined;
  const pad = ' '.repeat(cut.indent + 1);
  const lines = text.slice(firstBreak + 1, end).split('\n');
  if (lines.some((l) => /^(---|\.\.\.)(\s|$)/.test(l))) return undefined;
  const body = lines.map((l) => (l.trim() === '' ? l : pad + l)).join('\n');
  const repaired = text.slice(0, firstBreak + 1) + body + text.slice(end);
  return { text: repaired, line: text.slice(0, cut.offset).split('\n').length };
}

/** The first double- or single-quoted scalar token, in a block collection, without its closing quote. Iterative. */
function firstCutScalar(tokens: readonly CST.Token[]): { offset: number; indent: number } | undefined {
  const stack: CST.Token[] = [...tokens].reverse();
  while (stack.length > 0) {
    const token = stack.pop() as CST.Token;
    if (token.type === 'document') {
      if (token.value) stack.push(token.value);
    } else if (token.type === 'block-map' || token.type === 'block-seq') {
      const children: CST.Token[] = [];
      for (const item of token.items) {
        if (item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      stack.push(...children.reverse());
    } else if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && closingQuote(token.source, 0) === undefined) {
      return { offset: token.offset, indent: token.indent };
    }
  }
  return undefined;
}

/** Offset of the quote closing the quoted scalar that opens at `start` (`\` escapes in `"…"`, `''` in `'…'`). */
function closingQuote(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return undefined;
}
