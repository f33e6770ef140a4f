/** Operations of two documents paired (diff/match.ts): by method and path template, then by operationId when one of them moved. */
import { describe, expect, it } from 'vitest';
import { label, matchOperations, methodName, operationsOf, pathKey } from '../../../../generator/diff/match.js';

const op = (operationId?: string) => (operationId ? { operationId, responses: {} } : { responses: {} });
const labels = (sides: readonly { method: string; path: string }[]) => sides.map((s) => `${s.method} ${s.path}`);

describe('pathKey', () => {
  it.each([
    ['/users/{id}', '/users/{}'],
    ['/users/{userId}/orders/{o}', '/users/{}/orders/{}'],
    ['/plain', '/plain'],
  ])('%s → %s', (path, want) => expect(pathKey(path)).toBe(want));
});

describe('operationsOf', () => {
  it('every method of every path item, in spec order, referenced path items and operations followed; TRACE is not a client method', () => {
    const doc = {
      paths: {
        '/a': { post: op('createA'), get: op('listA'), trace: op('traceA'), parameters: [] },
        '/b': { $ref: '#/components/pathItems/B' },
      },
      components: { pathItems: { B: { delete: op('deleteB') } } },
    };
    const sides = operationsOf(doc);
    expect(labels(sides)).toEqual(['GET /a', 'POST /a', 'DELETE /b']);
    expect(sides.map((s) => s.pointer)).toEqual(['/paths/~1a/get', '/paths/~1a/post', '/paths/~1b/delete']);
    expect(sides[2]?.op['operationId']).toBe('deleteB');
    expect(label(sides[0]!)).toBe('GET /a');
    expect(methodName(sides[0]!)).toBe('listA');
  });

  it('a document without paths has no operations', () => {
    expect(operationsOf({})).toEqual([]);
  });
});

describe('matchOperations', () => {
  it('pairs by method and path template, whatever the parameter names', () => {
    const m = matchOperations({ paths: { '/u/{id}': { get: op('a') } } }, { paths: { '/u/{userId}': { get: op('b') } } });
    expect(m.pairs.map(([o, n]) => [o.path, n.path])).toEqual([['/u/{id}', '/u/{userId}']]);
    expect([m.moved, m.removed, m.added]).toEqual([[], [], []]);
  });

  it('the same operationId under another path or method is moved; with both changed it is removed and added', () => {
    const oldDoc = { paths: { '/a': { get: op('getA'), put: op('putA') }, '/c': { get: op('getC') } } };
    const newDoc = { paths: { '/a2': { get: op('getA') }, '/a': { post: op('putA') }, '/d': { post: op('getC') } } };
    const m = matchOperations(oldDoc, newDoc);
    expect(m.pairs).toEqual([]);
    expect(m.moved.map(([o, n]) => `${o.method} ${o.path} → ${n.method} ${n.path}`)).toEqual(['GET /a → GET /a2', 'PUT /a → POST /a']);
    expect(labels(m.removed)).toEqual(['GET /c']);
    expect(labels(m.added)).toEqual(['POST /d']);
  });

  it('without operationIds, unpaired operations are removed and added', () => {
    const m = matchOperations({ paths: { '/a': { get: op() } } }, { paths: { '/b': { get: op() } } });
    expect([labels(m.removed), labels(m.added), m.moved]).toEqual([['GET /a'], ['GET /b'], []]);
  });
});
