/**
 * A spec's path template → the path the runtime sends. Characters that may appear in a URL path
 * as they are (RFC 3986 §3.3 `pchar` and `/`, and existing `%XX` escapes) are kept byte for byte;
 * anything else (space, `?`, `#`, quotes, backticks, `<`, `\`, non-ASCII…) is percent-encoded as
 * UTF-8, which is the only way it can reach the server as the same text: sent raw, `?` would start
 * the query, `#` would be dropped by servers, and undici refuses or mangles non-ASCII.
 * `{name}` placeholders (the runtime's `\{([^{}]+)\}`) are kept for the runtime to fill.
 */

const PLACEHOLDER = /\{[^{}]+\}/g;
const KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const bytes = new TextEncoder();

/** The wire form of `template`; equal to it for every ordinary path. */
export function requestPath(template: string): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += encodeStatic(template.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + encodeStatic(template.slice(last));
}

function encodeStatic(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    // A lone surrogate has no UTF-8 form; TextEncoder writes U+FFFD for it, as every URL encoder does.
    const unit = cp > 0xffff ? text.slice(i, i + 2) : text.charAt(i);
    i += unit.length;
    if (KEEP.test(ch) || (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i, i + 2)))) out += ch;
    else out += [...bytes.encode(unit)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}
