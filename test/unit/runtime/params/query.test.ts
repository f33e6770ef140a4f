/** Query pairs: allowReserved, allowEmptyValue, content, refusals; and Insanic's form for undescribed names. */
import { describe, expect, test } from 'vitest';
import { insanicPairs, queryPairs } from '../../../../runtime/params/query.js';

const q = { name: 'q', in: 'query' } as const;

describe('queryPairs', () => {
  test('allowReserved keeps RFC 3986 reserved characters but not & # +', () => {
    expect(queryPairs({ ...q, allowReserved: true }, 'a/b:c&d#e+f')).toEqual(['q=a/b:c%26d%23e%2Bf']);
    expect(queryPairs(q, 'a/b:c')).toEqual(['q=a%2Fb%3Ac']);
  });
  test('an empty list sends nothing, or `q=` with allowEmptyValue; null always sends `q=`', () => {
    expect([queryPairs(q, []), queryPairs({ ...q, allowEmptyValue: true }, []), queryPairs(q, null), queryPairs(q, undefined)]).toEqual([
      [],
      ['q='],
      ['q='],
      [],
    ]);
  });
  test('a content parameter is one pair of JSON text', () => {
    expect(queryPairs({ ...q, content: 'application/json' }, { a: [1] })).toEqual(['q=%7B%22a%22%3A%5B1%5D%7D']);
  });
  test.each([
    [{ style: 'spaceDelimited', explode: true }, ['a'], 'Query parameter "q": spaceDelimited with explode is undefined by OpenAPI.'],
    [{ style: 'pipeDelimited' }, 'a', 'Query parameter "q": pipeDelimited carries arrays and objects, not a single value.'],
    [{ style: 'deepObject' }, ['a'], 'Query parameter "q": deepObject carries an object, not an array.'],
    [{ style: 'matrix' }, 'a', 'Query parameter "q" has style "matrix", which a query cannot carry.'],
  ] as const)('%j with %j is refused', (style, value, description) => {
    expect(() => queryPairs({ ...q, ...style }, value)).toThrow(expect.objectContaining({ description }));
  });
});

describe('insanicPairs', () => {
  test('arrays repeat the key, objects nest as name[key], null and undefined are skipped', () => {
    const out: string[] = [];
    insanicPairs(out, 'a', [1, 'x y']);
    insanicPairs(out, 'f', { b: { c: true }, d: null });
    insanicPairs(out, 'n', null);
    expect(out).toEqual(['a=1', 'a=x%20y', 'f%5Bb%5D%5Bc%5D=true']);
  });
  test('an array holding an object is refused', () => {
    expect(() => insanicPairs([], 'a', [{ b: 1 }])).toThrow(expect.objectContaining({ description: 'Query parameter "a" holds a nested object or array.' }));
  });
});
