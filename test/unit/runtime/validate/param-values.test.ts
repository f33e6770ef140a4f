/** Reading one parameter off the wire as its style wrote it: one row per style, explode and shape. */
import { describe, expect, test } from 'vitest';
import { type ParamShape, type ParamSources, readParam } from '../../../../runtime/validate/param-values.js';

function shape(fields: Partial<ParamShape> & Pick<ParamShape, 'in' | 'style'>): ParamShape {
  return { name: 'p', key: 'p', explode: false, type: undefined, properties: [], content: false, ...fields };
}
function sources(fields: { path?: Record<string, string>; query?: string; cookies?: string; headers?: Record<string, string> }): ParamSources {
  return {
    path: fields.path ?? {},
    query: fields.query === undefined ? undefined : new URLSearchParams(fields.query),
    cookies: fields.cookies === undefined ? undefined : new URLSearchParams(fields.cookies),
    header: (key) => fields.headers?.[key],
  };
}

describe('path', () => {
  test.each([
    ['simple scalar', { style: 'simple' }, '5', '5'],
    ['simple array', { style: 'simple', type: 'array' }, 'a,b', ['a', 'b']],
    ['simple empty array', { style: 'simple', type: 'array' }, '', []],
    ['simple object', { style: 'simple', type: 'object' }, 'x,1,y,2', { x: '1', y: '2' }],
    ['simple object exploded', { style: 'simple', type: 'object', explode: true }, 'x=1,y=2', { x: '1', y: '2' }],
    ['label scalar', { style: 'label' }, '.5', '5'],
    ['label array exploded', { style: 'label', type: 'array', explode: true }, '.a.b', ['a', 'b']],
    ['label array (3.1.1 commas)', { style: 'label', type: 'array' }, '.a,b', ['a', 'b']],
    ['label array (older dots)', { style: 'label', type: 'array' }, '.a.b', ['a', 'b']],
    ['matrix scalar', { style: 'matrix' }, ';p=5', '5'],
    ['matrix array', { style: 'matrix', type: 'array' }, ';p=a,b', ['a', 'b']],
    ['matrix array exploded', { style: 'matrix', type: 'array', explode: true }, ';p=a;p=b', ['a', 'b']],
    ['matrix object exploded', { style: 'matrix', type: 'object', explode: true }, ';x=1;y=2', { x: '1', y: '2' }],
    ['matrix object', { style: 'matrix', type: 'object' }, ';p=x,1,y,2', { x: '1', y: '2' }],
    ['content: the text', { style: 'simple', content: true, type: 'array' }, '[1,2]', '[1,2]'],
  ] as const)('%s: %s', (_name, fields, text, want) => {
    expect(readParam(shape({ in: 'path', ...fields }), sources({ path: { p: text } }))).toEqual(want);
  });

  test('absent: undefined', () => {
    expect(readParam(shape({ in: 'path', style: 'simple' }), sources({}))).toBeUndefined();
  });
});

describe('query and cookie', () => {
  test.each([
    ['form exploded scalar (the first)', { style: 'form', explode: true }, 'p=1&p=2', '1'],
    ['form exploded array', { style: 'form', explode: true, type: 'array' }, 'p=1&p=2', ['1', '2']],
    ['form exploded object: its declared properties', { style: 'form', explode: true, type: 'object', properties: ['x', 'y'] }, 'x=1&z=3', { x: '1' }],
    ['form exploded object, none there', { style: 'form', explode: true, type: 'object', properties: ['x'] }, 'z=3', undefined],
    ['form array', { style: 'form', type: 'array' }, 'p=a,b', ['a', 'b']],
    ['form object', { style: 'form', type: 'object' }, 'p=x,1,y,2', { x: '1', y: '2' }],
    ['spaceDelimited', { style: 'spaceDelimited', type: 'array' }, 'p=a%20b', ['a', 'b']],
    ['pipeDelimited', { style: 'pipeDelimited', type: 'array' }, 'p=a|b', ['a', 'b']],
    ['deepObject', { style: 'deepObject', type: 'object' }, 'p[x]=1&p[y]=2&q[z]=3', { x: '1', y: '2' }],
    ['deepObject absent', { style: 'deepObject', type: 'object' }, 'q[x]=1', undefined],
    ['content', { style: 'form', content: true }, 'p=%7B%22a%22%3A1%7D', '{"a":1}'],
    ['absent', { style: 'form', explode: true }, 'q=1', undefined],
  ] as const)('query %s', (_name, fields, query, want) => {
    expect(readParam(shape({ in: 'query', ...fields }), sources({ query }))).toEqual(want);
  });

  test('no query string at all: undefined', () => {
    expect(readParam(shape({ in: 'query', style: 'form' }), sources({}))).toBeUndefined();
  });

  test('cookies are read from their own pairs', () => {
    expect(readParam(shape({ in: 'cookie', style: 'form', explode: true }), sources({ query: 'p=q', cookies: 'p=c' }))).toBe('c');
  });
});

describe('header', () => {
  test.each([
    ['scalar', {}, ' a, b ', ' a, b '],
    ['array, items trimmed', { type: 'array' }, 'a, b ,c', ['a', 'b', 'c']],
    ['object', { type: 'object' }, 'x,1,y,2', { x: '1', y: '2' }],
    ['content', { content: true, type: 'array' }, '[1]', '[1]'],
  ] as const)('%s', (_name, fields, text, want) => {
    expect(readParam(shape({ in: 'header', style: 'simple', key: 'x-p', ...fields }), sources({ headers: { 'x-p': text } }))).toEqual(want);
  });

  test('read by its lower-case key', () => {
    expect(readParam(shape({ in: 'header', style: 'simple', name: 'X-P', key: 'x-p' }), sources({ headers: { 'X-P': 'no', 'x-p': 'yes' } }))).toBe('yes');
  });
});
