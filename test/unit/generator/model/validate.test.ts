/** Document-level checks before modelling (model/validate.ts), on literal documents: bad `%`, duplicate operationIds, path templates, type cycles. */
import { describe, expect, it } from 'vitest';
import { SvcGenInputError } from '../../../../generator/errors.js';
import { surveyDocument } from '../../../../generator/load/survey.js';
import { validateDocument } from '../../../../generator/model/validate.js';

type Json = Record<string, unknown>;
const validate = (doc: Json) => validateDocument('spec.yaml', doc, surveyDocument(doc));

/** The problems validation throws, as `pointer: reason`. */
function problems(doc: Json): string[] {
  try {
    validate(doc);
  } catch (e) {
    if (!(e instanceof SvcGenInputError)) throw e;
    return e.problems.map((p) => `${p.location.pointer}: ${p.reason}`);
  }
  throw new Error('expected an input error');
}

const op = (operationId: string) => ({ operationId, responses: {} });

describe('validateDocument', () => {
  it('a valid document passes, with no lazy arrays', () => {
    const doc = { openapi: '3.1.0', paths: { '/a/{id}': { parameters: [{ name: 'id', in: 'path', required: true }], get: op('getA') } } };
    expect(validate(doc)).toEqual({ lazyArrays: [] });
  });

  it('a survey of another document is a programming error', () => {
    expect(() => validateDocument('s', {}, surveyDocument({}))).toThrow('validateDocument: the survey is of another document');
  });

  it('a path key with a bad % is refused at its pointer', () => {
    expect(problems({ paths: { '/a%zz/b': { get: op('x') } } })).toEqual([
      '/paths/~1a%zz~1b: path "/a%zz/b" has a % that is not a %XX escape of UTF-8; write %25 for a literal %',
    ]);
  });

  it('an operationId with a % (after # is read as /) is refused', () => {
    expect(problems({ paths: { '/a': { post: op('get%20a') } } })).toEqual([
      '/paths/~1a/post/operationId: operationId "get%20a" contains %, which openapi-typescript reads as a URI escape (its types would not compile); rename the operation',
    ]);
  });

  it('a duplicate operationId is refused at its second use, naming the first; # and / are the same id', () => {
    expect(problems({ paths: { '/a': { get: op('x/y') }, '/b': { put: op('x#y') } } })).toEqual([
      '/paths/~1b/put/operationId: operationId "x#y" is also used at #/paths/~1a/get/operationId',
    ]);
  });

  it('a $ref naming a key with % is refused at that $ref', () => {
    const doc = { components: { schemas: { 'a%b': {}, U: { $ref: '#/components/schemas/a%25b' } } } };
    expect(problems(doc)).toEqual([
      '/components/schemas/U/$ref: $ref "#/components/schemas/a%25b" names a key with a % in it, which openapi-typescript decodes twice (it would type another key, or fail); rename the key',
    ]);
  });

  it('every path template problem is reported at once', () => {
    const doc = { paths: { '/a/{id}': { get: op('a') }, '/b': { get: { ...op('b'), parameters: [{ name: 'x', in: 'path', required: true }] } } } };
    expect(problems(doc)).toHaveLength(2);
  });

  it('a type cycle is refused; an array cycle makes a lazy array', () => {
    expect(problems({ components: { schemas: { A: { oneOf: [{ $ref: '#/components/schemas/A' }] } } } })).toHaveLength(1);
    const json = { components: { schemas: { J: { oneOf: [{ type: 'string' }, { type: 'array', items: { $ref: '#/components/schemas/J' } }] } } } };
    expect(validate(json)).toEqual({ lazyArrays: ['J'] });
  });
});
