/** Spec text → value (load/parse.ts), on literal texts: JSON and YAML, located syntax errors, the depth and alias limits, the lenient readings. */
import { describe, expect, it } from 'vitest';
import { SvcGenInputError } from '../../../../generator/errors.js';
import { height, MAX_DEPTH, parseSpecText } from '../../../../generator/load/parse.js';

/** The one problem `parseSpecText` throws for this text. */
function refused(file: string, text: string) {
  try {
    parseSpecText(file, text);
  } catch (e) {
    if (!(e instanceof SvcGenInputError)) throw e;
    expect(e.problems).toHaveLength(1);
    return e.problems[0];
  }
  throw new Error('expected an input error');
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseSpecText', () => {
  it('JSON is read as JSON, a tree, with no warnings', () => {
    expect(parseSpecText('a.json', '{"openapi":"3.1.0","paths":{}}')).toEqual({ value: { openapi: '3.1.0', paths: {} }, warnings: [], tree: true });
  });

  it('YAML is read as YAML 1.2: no merge keys, __proto__ an own key', () => {
    const r = parseSpecText('a.yaml', 'openapi: 3.1.0\nx:\n  __proto__: 1\n  "<<": 2\n');
    expect(r.tree).toBe(false);
    expect(r.warnings).toEqual([]);
    const x = (r.value as { x: object }).x;
    expect(Object.keys(x)).toEqual(['__proto__', '<<']);
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
  });

  it('a .json file that is only YAML is read with a warning', () => {
    const r = parseSpecText('a.json', 'openapi: 3.1.0\n');
    expect(r.value).toEqual({ openapi: '3.1.0' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^a\.json: not valid JSON \(.*\); read as YAML$/s);
  });

  it('a .json file neither JSON nor YAML is a JSON syntax error with line and column', () => {
    const p = refused('a.json', '{\n  "a": 1,\n  "b" 2\n}');
    expect(p?.code).toBe('SVCGEN_SYNTAX');
    expect(p?.reason).toMatch(/^invalid JSON: .*position 18/);
    expect(p?.location).toEqual({ line: 3, column: 7 });
  });

  it('YAML syntax errors and duplicate keys are located', () => {
    const dup = refused('a.yaml', 'a: 1\nb: 2\na: 3\n');
    expect([dup?.code, dup?.location.line]).toEqual(['SVCGEN_SYNTAX', 3]);
    expect(dup?.reason).toMatch(/^invalid YAML: Map keys must be unique/);
    const bad = refused('a.yaml', 'a: [1, 2\n');
    expect(bad?.code).toBe('SVCGEN_SYNTAX');
  });

  it('several documents are refused at the second one', () => {
    const p = refused('a.yaml', 'a: 1\n---\nb: 2\n');
    expect(p?.reason).toBe('invalid YAML: a spec is one document, this file holds several (---)');
    expect(p?.location.line).toBe(2);
  });

  it('nesting past MAX_DEPTH is refused in JSON and YAML; at MAX_DEPTH it is read', () => {
    expect(parseSpecText('a.json', nested(MAX_DEPTH)).tree).toBe(true);
    const json = refused('a.json', nested(MAX_DEPTH + 1));
    expect([json?.code, json?.location]).toEqual(['SVCGEN_RESOURCE_LIMIT', { line: 1, column: MAX_DEPTH + 1 }]);
    expect(json?.reason).toBe(`nested deeper than ${MAX_DEPTH} levels; refusing to read it`);
    // Brackets inside strings do not count.
    expect(parseSpecText('a.json', JSON.stringify({ s: nested(MAX_DEPTH + 5), t: '\\"[' })).tree).toBe(true);
    expect(refused('a.yaml', nested(MAX_DEPTH + 1))?.code).toBe('SVCGEN_RESOURCE_LIMIT');
  });

  it('aliases that expand too much are refused ("billion laughs")', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const p = refused('a.yaml', `${lines.join('\n')}\n`);
    expect(p?.code).toBe('SVCGEN_RESOURCE_LIMIT');
    expect(p?.reason).toMatch(/^YAML aliases expand too much/);
  });

  it('a comment right after a closing quote is read with a located warning', () => {
    const r = parseSpecText('a.yaml', 'a: 1\nb: "x"# note\n');
    expect(r.value).toEqual({ a: 1, b: 'x' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^a\.yaml:2:\d+: .*\(strict YAML 1\.2\); read as js-yaml and other OpenAPI tools read it$/);
  });

  it('a quoted string continued on lines indented no more than its key is repaired, with a warning', () => {
    const r = parseSpecText('a.yaml', 'info:\n  description: "first\n  second"\n  title: T\n');
    expect(r.value).toEqual({ info: { description: 'first second', title: 'T' } });
    expect(r.warnings).toEqual([
      'a.yaml:2: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it',
    ]);
  });
});

describe('height', () => {
  it('counts levels of objects and arrays, shared nodes once, cycles adding nothing', () => {
    expect(height(1)).toBe(0);
    expect(height({})).toBe(1);
    expect(height({ a: [{ b: 1 }], c: {} })).toBe(3);
    const shared = { x: { y: {} } };
    expect(height({ a: shared, b: shared })).toBe(4);
    const loop: Record<string, unknown> = { a: {} };
    (loop['a'] as Record<string, unknown>)['back'] = loop;
    expect(height(loop)).toBe(2);
  });

  it('stops early past MAX_DEPTH', () => {
    let deep: unknown = 0;
    for (let i = 0; i < MAX_DEPTH * 4; i++) deep = [deep];
    expect(height(deep)).toBe(MAX_DEPTH + 1);
  });
});

it('a .json file read as YAML warns on one line, whatever V8 quotes of the text', () => {
  // Node 20's message for this text is `Unexpected token 'a', "a: 1\nb: 2\n" is not valid JSON`.
  const { value, warnings } = parseSpecText('s.json', 'a: 1\nb: 2\n');
  expect(value).toEqual({ a: 1, b: 2 });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^s\.json: not valid JSON \(.+\); read as YAML$/);
  expect(warnings[0]).not.toContain('\n');
});
