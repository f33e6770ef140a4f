/**
 * serializeParams against the OpenAPI Style Examples tables (test/runtime/params-table.ts, the same
 * rows the behaviour suite sends to a real server), on literal values: every row, location and
 * column, for the legacy (3.0.0–3.0.3, 3.1.0) and current (3.0.4+, 3.1.1+) tables. Then the
 * parts around it: own properties only, cookies merged, dispatchQuery, checkParts.
 */
import { describe, expect, test } from 'vitest';
import { checkParts, dispatchQuery, mergeCookies, serializeParams } from '../../../../runtime/params/index.js';
import type { OperationSpec, ParamStyle } from '../../../../runtime/types.js';
import { COLOR, COOKIE_STYLE_ROWS, type Column, CURRENT_TABLE, LEGACY_TABLE, type Location, type StyleRow } from '../../../runtime/params-table.js';

const TABLES = [
  { name: 'legacy', rows: LEGACY_TABLE, empty: '', legacy: true },
  { name: 'current', rows: [...CURRENT_TABLE, ...COOKIE_STYLE_ROWS], empty: null, legacy: false },
] as const;

/** The `color` parameter at `where` serialized as the row says, or `refused: <code>`. */
function serialized(where: Location, r: StyleRow, legacy: boolean, value: unknown): string {
  const op: OperationSpec = {
    operationId: 'op',
    method: 'GET',
    path: where === 'path' ? '/x/{color}' : '/x',
    params: [{ name: 'color', in: where, style: r.style as ParamStyle, explode: r.explode, ...(legacy && { legacy }) }],
  };
  const part = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' }[where];
  try {
    const out = serializeParams(op, { [part]: { color: value } });
    if (where === 'path') return out.path.slice('/x/'.length);
    if (where === 'query') return out.query.join('&');
    if (where === 'header') return out.headers.color ?? '(none)';
    return out.cookie;
  } catch (error) {
    return `refused: ${(error as { errorCode?: { name: string } }).errorCode?.name}`;
  }
}

for (const table of TABLES) {
  describe(`the ${table.name} Style Examples table`, () => {
    const values: Record<Column, unknown> = { empty: table.empty, ...COLOR };
    const cases = table.rows.flatMap((r) => r.in.map((where) => [`${where} ${r.style} explode=${r.explode}`, where, r] as const));
    test.each(cases)('%s', (_name, where, r) => {
      const columns = (Object.keys(r.cells) as Column[]).filter((c) => r.cells[c] !== null);
      const got = Object.fromEntries(columns.map((c) => [c, serialized(where, r, table.legacy, values[c])]));
      // A `simple` path segment may not be empty: the table's empty cell is refused there.
      const want = Object.fromEntries(columns.map((c) => [c, where === 'path' && r.cells[c] === '' ? 'refused: invalid_usage' : r.cells[c]]));
      expect(got).toEqual(want);
    });
  });
}

describe('serializeParams around the styles', () => {
  const op: OperationSpec = { operationId: 'op', method: 'GET', path: '/users/{id}' };

  test('undescribed parameters: path simple, query in Insanic form, headers as text, cookies form', () => {
    expect(serializeParams(op, { path: { id: 'a/b' }, query: { tag: ['x', 'y'], f: { a: 1 } }, headers: { 'x-n': 3 }, cookies: { s: 'v w' } })).toEqual({
      path: '/users/a%2Fb',
      query: ['tag=x', 'tag=y', 'f%5Ba%5D=1'],
      headers: { 'x-n': '3' },
      cookie: 's=v%20w',
    });
  });

  test('a path value from the prototype is not read: `{constructor}` is missing, not a function', () => {
    const proto: OperationSpec = { operationId: 'op', method: 'GET', path: '/{constructor}' };
    expect(() => serializeParams(proto, { path: {} })).toThrow(expect.objectContaining({ description: 'Path parameter "constructor" is missing.' }));
  });
});

test.each([
  ['', undefined, undefined],
  ['', 'theirs=1', 'theirs=1'],
  ['a=1', undefined, 'a=1'],
  ['a=1', '  ', 'a=1'],
  ['a=1; b=2', 'theirs=1', 'theirs=1; a=1; b=2'],
])('mergeCookies(%j, %j) → %j', (ours, callers, want) => expect(mergeCookies(ours, callers)).toBe(want));

test('dispatchQuery: Insanic form, except names given a style', () => {
  expect(dispatchQuery({ ids: [1, 2], tags: ['a', 'b'], skip: undefined }, { tags: { style: 'form', explode: false } })).toEqual([
    'ids=1',
    'ids=2',
    'tags=a,b',
  ]);
  expect(dispatchQuery(undefined, undefined)).toEqual([]);
});

test.each([[{ path: 'x' }], [{ query: null }], [{ headers: ['a'] }], [{ cookies: 1 }]])('checkParts refuses %j', (params) => {
  expect(() => checkParts(params as never)).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }) }));
});
