/** Schemas that print as themselves (model/cycles.ts): found, located, and broken by lazy arrays where an array of a named schema is on the cycle. */
import { describe, expect, it } from 'vitest';
import { surveyDocument } from '../../../../generator/load/survey.js';
import { checkTypeCycles, schemaArrayItem, typeCycleProblems } from '../../../../generator/model/cycles.js';

const docOf = (schemas: Record<string, unknown>): Record<string, unknown> => ({ openapi: '3.1.0', components: { schemas } });
const check = (doc: Record<string, unknown>) => checkTypeCycles('spec.yaml', doc, surveyDocument(doc).cycleStarts);

describe('typeCycleProblems', () => {
  it('a schema that is an alias of itself is one problem at its pointer', () => {
    const problems = typeCycleProblems('spec.yaml', docOf({ A: { $ref: '#/components/schemas/A' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'SVCGEN_INVALID_SPEC', file: 'spec.yaml', location: { pointer: '/components/schemas/A' } });
    expect(problems[0]?.reason).toContain('#/components/schemas/A → #/components/schemas/A');
  });

  it('a cycle through allOf/oneOf names every schema on it, in order', () => {
    const doc = docOf({
      A: { allOf: [{ $ref: '#/components/schemas/B' }] },
      B: { oneOf: [{ $ref: '#/components/schemas/A' }, { type: 'string' }] },
    });
    const problems = typeCycleProblems('s', doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).toContain('#/components/schemas/A → #/components/schemas/B → #/components/schemas/A');
  });

  it('a cycle through an object property is a recursive type, not a problem', () => {
    const doc = docOf({ Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } });
    expect(typeCycleProblems('s', doc)).toEqual([]);
    const viaAdditional = docOf({ M: { type: 'object', additionalProperties: { $ref: '#/components/schemas/M' } } });
    expect(typeCycleProblems('s', viaAdditional)).toEqual([]);
  });

  it('an array of itself is a problem unless the array is printed lazily', () => {
    const doc = docOf({ L: { type: 'array', items: { $ref: '#/components/schemas/L' } } });
    expect(typeCycleProblems('s', doc)).toHaveLength(1);
    expect(typeCycleProblems('s', doc, surveyDocument(doc).cycleStarts, 10, new Set(['L']))).toEqual([]);
  });

  it('stops at the limit', () => {
    const schemas = Object.fromEntries(['A', 'B', 'C'].map((n) => [n, { $ref: `#/components/schemas/${n}` }]));
    const doc = docOf(schemas);
    expect(typeCycleProblems('s', doc)).toHaveLength(3);
    expect(typeCycleProblems('s', doc, surveyDocument(doc).cycleStarts, 2)).toHaveLength(2);
  });

  it('unresolvable and external refs are no edge', () => {
    expect(typeCycleProblems('s', docOf({ A: { $ref: '#/components/schemas/Missing' }, B: { $ref: 'other.yaml#/B' } }))).toEqual([]);
  });

  it('a deep chain is walked without recursion', () => {
    const schemas: Record<string, unknown> = {};
    const n = 20_000;
    for (let i = 0; i < n; i++) schemas[`S${i}`] = { allOf: [{ $ref: `#/components/schemas/S${(i + 1) % n}` }] };
    expect(typeCycleProblems('s', docOf(schemas))).toHaveLength(1);
  });
});

describe('checkTypeCycles', () => {
  it('no cycle: no problems and no lazy arrays', () => {
    expect(check(docOf({ A: { type: 'array', items: { $ref: '#/components/schemas/B' } }, B: { type: 'string' } }))).toEqual({
      problems: [],
      lazyArrays: [],
    });
  });

  it('the JSON-value schema compiles once its array is lazy; an array elsewhere keeps T[]', () => {
    const doc = docOf({
      Json: {
        oneOf: [
          { type: 'string' },
          { type: 'null' },
          { type: 'array', items: { $ref: '#/components/schemas/Json' } },
          { type: 'object', additionalProperties: { $ref: '#/components/schemas/Json' } },
        ],
      },
      Tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
      Tag: { type: 'string' },
    });
    expect(check(doc)).toEqual({ problems: [], lazyArrays: ['Json'] });
  });

  it('a cycle no array breaks stays a problem, and no arrays are made lazy', () => {
    const doc = docOf({
      A: { allOf: [{ $ref: '#/components/schemas/A' }] },
      L: { type: 'array', items: { $ref: '#/components/schemas/L' } },
    });
    const r = check(doc);
    expect(r.lazyArrays).toEqual([]);
    expect(r.problems.map((p) => p.location.pointer)).toEqual(['/components/schemas/A']);
  });
});

describe('schemaArrayItem', () => {
  it.each([
    [{ $ref: '#/components/schemas/User' }, 'User'],
    [{ $ref: '#/components/schemas/a~1b' }, 'a/b'],
    [{ $ref: '#/components/schemas/%C3%9C' }, 'Ü'],
    [{ $ref: '#/components/schemas/%E0%A4%A' }, undefined],
    [{ $ref: '#/components/schemas/User', description: 'x' }, undefined],
    [{ $ref: '#/components/schemas/User/properties/a' }, undefined],
    [{ $ref: '#/components/responses/User' }, undefined],
    [{ type: 'string' }, undefined],
    [[{ $ref: '#/components/schemas/User' }], undefined],
    [null, undefined],
  ])('%j → %j', (items, want) => expect(schemaArrayItem(items)).toBe(want));
});
