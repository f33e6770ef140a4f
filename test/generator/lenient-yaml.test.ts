/**
 * YAML that strict YAML 1.2 refuses but js-yaml (what @redocly/openapi-core and so openapi-typescript
 * parse with) reads: each case gives the value js-yaml 4.3.2 gives for it, and a warning with file
 * and line. The limits still hold: duplicate keys, alias expansion, depth, a quote that never closes.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isSvcGenInputError } from '../../generator/index.js';
import { parseSpecText } from '../../generator/load/parse.js';
import { cleanup, tempDir } from './helpers/fs.js';
import { tinySpec, writeFiles } from './helpers/specs.js';

/** [name, text, value (as js-yaml reads it), warnings (file is `s.yaml`)] */
const ACCEPTED: [string, string, unknown, string[]][] = [
  [
    'double-quoted continuation less indented than its key',
    'info:\n  description: "first line\n continued\n\n   new paragraph"\n  title: t\n',
    { info: { description: 'first line continued\nnew paragraph', title: 't' } },
    [
      's.yaml:2: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it',
    ],
  ],
  [
    'single-quoted continuation at column 0, with an escaped quote',
    "a:\n  b:\n    c: 'it''s\nnot indented'\n    d: 1\n",
    { a: { b: { c: "it's not indented", d: 1 } } },
    [
      's.yaml:3: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it',
    ],
  ],
  [
    'double-quoted with an escaped quote and a # inside',
    'x:\n  y: "say \\"hi\\" # not a comment\n  there"\n',
    { x: { y: 'say "hi" # not a comment there' } },
    [
      's.yaml:2: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it',
    ],
  ],
  [
    'a comment right after a closing quote',
    'a:\n  b: "text"# note\n  c: \'x\'#n\n',
    { a: { b: 'text', c: 'x' } },
    [
      's.yaml:2:12: Comments must be separated from other tokens by white space characters (strict YAML 1.2); read as js-yaml and other OpenAPI tools read it',
      's.yaml:3:9: Comments must be separated from other tokens by white space characters (strict YAML 1.2); read as js-yaml and other OpenAPI tools read it',
    ],
  ],
  [
    'both in one file',
    'a:\n  b: "x"#c\n  d: "y\n z"\n',
    { a: { b: 'x', d: 'y z' } },
    [
      's.yaml:3: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it',
      's.yaml:2:9: Comments must be separated from other tokens by white space characters (strict YAML 1.2); read as js-yaml and other OpenAPI tools read it',
    ],
  ],
];

describe('accepted with a warning, read as js-yaml reads it', () => {
  it.each(ACCEPTED)('%s', (_name, text, value, warnings) => {
    const parsed = parseSpecText('s.yaml', text);
    expect(parsed.value).toEqual(value);
    expect(parsed.warnings).toEqual(warnings);
  });

  it('200 short-indented strings are the most one file may have repaired', () => {
    const text = Array.from({ length: 200 }, (_, i) => `k${i}:\n  v: "a\n b"\n`).join('');
    const parsed = parseSpecText('s.yaml', text);
    expect(parsed.warnings).toHaveLength(200);
    expect((parsed.value as Record<string, unknown>)['k199']).toEqual({ v: 'a b' });
  });

  it('strict YAML gives no warning', () => {
    expect(parseSpecText('s.yaml', 'a:\n  b: "text" # note\n  c: "x\n    y"\n')).toEqual({ value: { a: { b: 'text', c: 'x y' } }, warnings: [], tree: false });
  });
});

/** [name, text, code, reason pattern, line] */
const REFUSED: [string, string, string, RegExp, number | undefined][] = [
  ['a quote that never closes', 'a:\n  b: "text\nc: 1\n', 'SVCGEN_SYNTAX', /invalid YAML: Missing closing "quote/, 4],
  ['a duplicate key inside a repaired file', 'a:\n  b: "x\n y"\n  b: 2\n', 'SVCGEN_SYNTAX', /invalid YAML: Map keys must be unique/, 4],
  ['a duplicate key beside a lenient comment', 'a: "x"#c\na: 2\n', 'SVCGEN_SYNTAX', /invalid YAML: Map keys must be unique/, 2],
  [
    'more short-indented strings than the repair limit (200)',
    Array.from({ length: 201 }, (_, i) => `k${i}:\n  v: "a\n b"\n`).join(''),
    'SVCGEN_SYNTAX',
    /invalid YAML/,
    undefined,
  ],
  ['a document marker inside the string', 'a: "x\n---\ny"\n', 'SVCGEN_SYNTAX', /invalid YAML/, undefined],
  [
    'an alias bomb beside a lenient comment',
    `a: &a ["x"]#c\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
    'SVCGEN_RESOURCE_LIMIT',
    /YAML aliases expand too much/,
    undefined,
  ],
  [
    'nesting past the depth limit beside a repaired string',
    `s: "a\nb"\nd: ${'['.repeat(300)}${']'.repeat(300)}\n`,
    'SVCGEN_RESOURCE_LIMIT',
    /nested deeper than 256 levels/,
    3,
  ],
];

describe('still refused', () => {
  it.each(REFUSED)('%s', (_name, text, code, reason, line) => {
    let error: unknown;
    try {
      parseSpecText('s.yaml', text);
    } catch (e) {
      error = e;
    }
    expect(isSvcGenInputError(error) && error.code).toBe(code);
    const problem = isSvcGenInputError(error) ? error.problems[0] : undefined;
    expect(problem?.reason).toMatch(reason);
    if (line !== undefined) expect(problem?.location.line).toBe(line);
  });
});

describe('through generate()', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('svc-gen-lenient-');
  });
  afterEach(() => cleanup(dir));

  it('warnings name the entry and the $ref-ed file with their lines; the description arrives folded', async () => {
    const entry = tinySpec()
      .replace("version: '1'", 'version: \'1\'\n  description: "Pings\n  the service"')
      .replace('schema: { type: string }', "schema: { $ref: './parts.yaml#/Pong' }");
    writeFiles(dir, { 'svc/openapi.yaml': entry, 'svc/parts.yaml': 'Pong:\n  type: string\n  description: "pong"# the answer\n' });
    const result = await generate({ inputs: [path.join(dir, 'svc')], out: path.join(dir, 'out') });
    expect(result.warnings).toEqual([
      `${path.join(dir, 'svc/openapi.yaml')}:5: a quoted string continues on lines indented no more than its key (strict YAML 1.2 refuses it); read as js-yaml and other OpenAPI tools read it`,
      `${path.join(dir, 'svc/parts.yaml')}:3:22: Comments must be separated from other tokens by white space characters (strict YAML 1.2); read as js-yaml and other OpenAPI tools read it`,
    ]);
    expect(result.files.find((f) => f.path === 'svc/client.ts')?.contents).toContain('Pings the service');
  });
});
