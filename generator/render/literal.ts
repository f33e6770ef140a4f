/**
 * Reads back a TypeScript literal the model built from escaped parts (an operation's `media` table):
 * objects with bare-identifier or single-quoted keys, single-quoted strings (with `jsString`'s
 * escapes), `true` and `false`. Anything else is an internal error: the model produced it.
 * Objects are null-prototype, so a key such as `__proto__` stays an ordinary key.
 */
export function literalValue(text: string): unknown {
  let i = 0;
  const fail = (): Error => new Error(`internal: unexpected model literal at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const expect = (c: string) => {
    space();
    if (text[i] !== c) throw fail();
    i++;
  };
  const string = (): string => {
    i++;
    let out = '';
    while (text[i] !== "'") {
      const c = text[i];
      if (c === undefined) throw fail();
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
      if (hex > 0) {
        const digits = text.slice(i + 2, i + 2 + hex);
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) throw fail();
        out += String.fromCharCode(Number.parseInt(digits, 16));
        i += 2 + hex;
      } else {
        const simple = e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === "'" || e === '\\' ? e : undefined;
        if (simple === undefined) throw fail();
        out += simple;
        i += 2;
      }
    }
    i++;
    return out;
  };
  const key = (): string => {
    space();
    if (text[i] === "'") return string();
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i))?.[0];
    if (name === undefined) throw fail();
    i += name.length;
    return name;
  };
  const value = (): unknown => {
    space();
    if (text[i] === "'") return string();
    for (const [word, v] of [['true', true] as const, ['false', false] as const]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    expect('{');
    const out: Record<string, unknown> = Object.create(null);
    space();
    while (text[i] !== '}') {
      if (Object.keys(out).length > 0) expect(',');
      const k = key();
      expect(':');
      out[k] = value();
      space();
    }
    i++;
    return out;
  };
  const result = value();
  space();
  if (i !== text.length) throw fail();
  return result;
}
