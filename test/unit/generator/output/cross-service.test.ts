/** The manifest's cross-service facts and the stand-ins built from them (output/cross-service.ts). */
import { describe, expect, it } from 'vitest';
import { buildService } from '../../../../generator/model/service.js';
import { crossServiceFacts, isCrossServiceFacts, standIn } from '../../../../generator/output/cross-service.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/a': { get: { operationId: 'list_a', responses: {} }, post: { responses: {} } } },
};

describe('cross-service facts', () => {
  it('one [methodName, typeName, opType] per operation, in model order', () => {
    const service = buildService(doc, 'things');
    const facts = crossServiceFacts(service);
    expect(facts.operations).toEqual(service.operations.map((op) => [op.methodName, op.typeName, op.opType]));
    expect(facts.operations.map((o) => o[0])).toEqual(['listA', 'postA']);
    expect(isCrossServiceFacts(JSON.parse(JSON.stringify(facts)))).toBe(true);
  });

  it.each([
    [{ operations: [] }, true],
    [{ operations: [['a', 'A', 'x']] }, true],
    [{ operations: [['a', 'A']] }, false],
    [{ operations: [['a', 'A', 3]] }, false],
    [{ operations: {} }, false],
    [{}, false],
    [null, false],
  ])('isCrossServiceFacts(%j) → %s', (value, want) => expect(isCrossServiceFacts(value)).toBe(want));

  it('a stand-in has the name, class and operations of the facts, and nothing of its own', () => {
    const input = standIn('things', 'ThingsService', { operations: [['listA', 'ListA', "$ops['list_a']"]] });
    expect(input.service.name).toBe('things');
    expect(input.service.className).toBe('ThingsService');
    expect(input.service.operations.map((o) => [o.methodName, o.typeName, o.opType])).toEqual([['listA', 'ListA', "$ops['list_a']"]]);
    expect(crossServiceFacts(input.service)).toEqual({ operations: [['listA', 'ListA', "$ops['list_a']"]] });
    expect([input.service.schemas, input.typesSource, input.contract.operations]).toEqual([[], '', {}]);
  });
});
