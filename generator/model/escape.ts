/**
 * Escaping for each place spec text can land in generated TypeScript: a JSDoc comment, a string
 * literal, a property key. Pure functions, used by the model and as the render helpers.
 */
import { IDENTIFIER } from './names.js';

/**
 * A single-quoted string literal. Escapes quotes, backslashes and every line terminator, and `<`
 * (so `</script>` never appears raw); non-ASCII is kept readable except U+2028/U+2029.
 */
export function jsString(raw: string): string {
  let out = "'";
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<') out += '\\x3C';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** An object/interface property key: bare when it is a plain identifier, else a string literal. */
export function propertyKey(raw: string): string {
  return IDENTIFIER.test(raw) ? raw : jsString(raw);
}

/**
 * Lines for a JSDoc block (without the ` * ` prefix). `*\/` cannot close the comment, `</script`
 * is broken up, and every line terminator (including U+2028/U+2029) starts a new line.
 */
export function commentLines(raw: string): string[] {
  const safe = raw
    // Control characters go first: removing one later could join `*` and `/` into a comment closer.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\*\//g, '*\\/')
    .replace(/<\/(script)/gi, '<\\/$1');
  return (
    safe
      .split(/\r\n|[\r\n\u2028\u2029]/)
      // A line starting with `@` would be read as a JSDoc tag (e.g. a description saying "@deprecated").
      .map((l) => l.replace(/\s+$/, '').replace(/^(\s*)@/, '$1\\@'))
  );
}
