/**
 * Quoted strings whose continuation lines are indented too little (load/lenient-yaml.ts): the first
 * cut-short quoted scalar is re-indented up to its real closing quote, and nothing else moves.
 */
import { describe, expect, it } from 'vitest';
import { Parser, parse } from 'yaml';
import { repairQuotedIndent } from '../../../../generator/load/lenient-yaml.js';

const tokens = (text: string) => [...new Parser().parse(text)];
const repair = (text: string) => repairQuotedIndent(text, tokens(text));

describe('repairQuotedIndent', () => {
  it('indents the continuation lines of a double-quoted value past its key, and says on which line it starts', () => {
    const text = 'info:\n  title: t\n  description: "first\n  second"\nnext: 1\n';
    const r = repair(text);
    expect(r).toEqual({ text: 'info:\n  title: t\n  description: "first\n     second"\nnext: 1\n', line: 3 });
    expect(parse(r?.text ?? '')).toEqual({ info: { title: 't', description: 'first second' }, next: 1 });
  });

  it('repairs a single-quoted value, reading a doubled quote as part of it', () => {
    const text = "a:\n  b: 'it''s\n  here'\n";
    const r = repair(text);
    expect(r?.text).toBe("a:\n  b: 'it''s\n     here'\n");
    expect(parse(r?.text ?? '')).toEqual({ a: { b: "it's here" } });
  });

  it('skips an escaped quote inside a double-quoted value', () => {
    const text = 'a:\n  b: "say \\"hi\\"\n  there"\n';
    expect(parse(repair(text)?.text ?? '')).toEqual({ a: { b: 'say "hi" there' } });
  });

  it('leaves blank continuation lines as they are', () => {
    const text = 'a:\n  b: "one\n\n  two"\n';
    expect(repair(text)?.text).toBe('a:\n  b: "one\n\n     two"\n');
  });

  it('finds the cut string inside a sequence, after well-formed ones', () => {
    const text = 'list:\n  - "fine"\n  - "cut\n  short"\n';
    const r = repair(text);
    expect(r?.line).toBe(3);
    expect(parse(r?.text ?? '')).toEqual({ list: ['fine', 'cut short'] });
  });

  it('is undefined for well-formed YAML', () => {
    expect(repair('a:\n  b: "one\n    two"\nc: x\n')).toBeUndefined();
  });

  it('is undefined when the quote never closes', () => {
    expect(repair('a:\n  b: "open\n  forever\n')).toBeUndefined();
  });

  it('is undefined when a document marker lies between the opening and the closing quote', () => {
    expect(repair('a:\n  b: "open\n---\n  c: "x"\n')).toBeUndefined();
  });
});
