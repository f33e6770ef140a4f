/**
 * The OpenAPI Specification's Style Examples tables (the `color` parameter), as data: one row per
 * style/explode, cells per value, for the 3.0.0–3.0.3/3.1.0 tables ("legacy") and the 3.0.4/3.1.1/3.2
 * ones. Cells are the serialized parameter exactly as the table prints it; `null` marks _n/a_.
 * Sources: spec.openapis.org/oas/v3.0.3#style-examples, v3.1.1#style-examples, v3.2.0#style-examples.
 */

export type Column = 'empty' | 'string' | 'array' | 'object';
export type Location = 'path' | 'query' | 'header' | 'cookie';

/** One table row, with the locations its style applies to. */
export interface StyleRow {
  readonly style: string;
  readonly explode: boolean;
  readonly in: readonly Location[];
  readonly cells: Readonly<Record<Column, string | null>>;
}

/** The values the tables serialize. `empty` is `""` in 3.0.x ("empty") and `null` in 3.1.1+ ("undefined"). */
export const COLOR = { string: 'blue', array: ['blue', 'black', 'brown'], object: { R: 100, G: 200, B: 150 } } as const;

const row = (
  style: string,
  explode: boolean,
  where: Location[],
  empty: string | null,
  string: string | null,
  array: string | null,
  object: string | null,
): StyleRow => ({
  style,
  explode,
  in: where,
  cells: { empty, string, array, object },
});

/** OpenAPI 3.0.0–3.0.3 (and 3.1.0, which kept the table): the `empty` column is the empty string. */
export const LEGACY_TABLE: readonly StyleRow[] = [
  row('matrix', false, ['path'], ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'),
  row('matrix', true, ['path'], ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'),
  row('label', false, ['path'], '.', '.blue', '.blue.black.brown', '.R.100.G.200.B.150'),
  row('label', true, ['path'], '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'),
  row('form', false, ['query', 'cookie'], 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'),
  row('form', true, ['query', 'cookie'], 'color=', 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'),
  row('simple', false, ['path', 'header'], null, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'),
  row('simple', true, ['path', 'header'], null, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'),
  // The 3.0.x table prints these two without the `color=` name; 3.0.4 shows the same bytes with it.
  row('spaceDelimited', false, ['query'], null, null, 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'),
  row('pipeDelimited', false, ['query'], null, null, 'color=blue|black|brown', 'color=R|100|G|200|B|150'),
  row('deepObject', true, ['query'], null, null, null, 'color[R]=100&color[G]=200&color[B]=150'),
];

/** OpenAPI 3.0.4, 3.1.1 and 3.2.0: the `undefined` column (`null`), label lists joined with `,`, `|` `[` `]` percent-encoded. */
export const CURRENT_TABLE: readonly StyleRow[] = [
  row('matrix', false, ['path'], ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'),
  row('matrix', true, ['path'], ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'),
  row('label', false, ['path'], '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'),
  row('label', true, ['path'], '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'),
  row('simple', false, ['path', 'header'], '', 'blue', 'blue,black,brown', 'R,100,G,200,B,150'),
  row('simple', true, ['path', 'header'], '', 'blue', 'blue,black,brown', 'R=100,G=200,B=150'),
  row('form', false, ['query', 'cookie'], 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'),
  row('form', true, ['query', 'cookie'], 'color=', 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'),
  row('spaceDelimited', false, ['query'], null, null, 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'),
  row('pipeDelimited', false, ['query'], null, null, 'color=blue%7Cblack%7Cbrown', 'color=R%7C100%7CG%7C200%7CB%7C150'),
  row('deepObject', true, ['query'], null, null, null, 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'),
];

/** OpenAPI 3.2.0's `cookie` style rows (RFC 6265 syntax, no percent-encoding). */
export const COOKIE_STYLE_ROWS: readonly StyleRow[] = [
  row('cookie', false, ['cookie'], 'color=', 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'),
  row('cookie', true, ['cookie'], 'color=', 'color=blue', 'color=blue; color=black; color=brown', 'R=100; G=200; B=150'),
];

/** The operation id (and method name) of one row at one location: `queryPipeDelimitedFalse`. */
export function opId(where: Location, r: StyleRow): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${where}${cap(r.style)}${cap(String(r.explode))}`;
}

/** A document with one GET operation per row and location; the `color` parameter has no schema type, so every value compiles. */
export function styleDocument(version: string, rows: readonly StyleRow[]): object {
  const paths: Record<string, object> = {};
  for (const r of rows) {
    for (const where of r.in) {
      const route = where === 'path' ? `/${opId(where, r)}/{color}` : `/${opId(where, r)}`;
      const param = { name: 'color', in: where, required: where === 'path', style: r.style, explode: r.explode, schema: {} };
      paths[route] = { get: { operationId: opId(where, r), parameters: [param], responses: { '204': { description: 'ok' } } } };
    }
  }
  return { openapi: version, info: { title: `styles ${version}`, version: '1' }, paths };
}
