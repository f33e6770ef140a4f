/** What one operation's plan works out once: parameter pointers, styles, types through $refs, media and response matching. */
import { beforeAll, describe, expect, test } from 'vitest';
import { type ContractSchemas, compileContract } from '../../../../runtime/validate/compile.js';
import type { Contract } from '../../../../runtime/validate/contract.js';
import { operationPlan } from '../../../../runtime/validate/plan.js';

const contract: Contract = {
  service: 'plan-test',
  components: {
    schemas: {
      Ids: { type: 'array', items: { $ref: '#/components/schemas/Id' } },
      Id: { type: ['null', 'integer'] },
      Point: { type: 'object', properties: { x: { type: 'number' }, label: { type: 'string' } } },
    },
  },
  operations: {
    'get/points~1': {
      operationId: 'getPoints',
      method: 'GET',
      path: '/points/{ids}',
      parameters: [
        { name: 'ids', in: 'path', required: true, schema: { $ref: '#/components/schemas/Ids' } },
        { name: 'at', in: 'query', required: false, schema: { $ref: '#/components/schemas/Point' } },
        { name: 'X-Mode', in: 'header', required: false, style: 'simple', explode: true, schema: { type: 'string' } },
        { name: 'c', in: 'cookie', required: false, content: 'application/vnd.x+json', schema: { type: 'object' } },
      ],
      requestBody: { required: false, content: { 'application/*': { schema: { type: 'object' } }, 'text/csv': {} } },
      responses: { '200': { content: { 'application/json': { schema: { type: 'array' } } } }, '5XX': {}, default: { content: { 'text/plain': {} } } },
    },
  },
};

let schemas: ContractSchemas;
beforeAll(async () => {
  schemas = await compileContract(contract);
});

describe('operationPlan', () => {
  test('built once per compiled contract and name', () => {
    expect(operationPlan(schemas, 'get/points~1')).toBe(operationPlan(schemas, 'get/points~1'));
  });

  test('an unknown operation names itself', () => {
    expect(() => operationPlan(schemas, 'nope')).toThrow('svc-gen: no operation nope in the contract of plan-test');
  });

  test('parameters: pointer, key, default style and explode, types through $refs', () => {
    const plan = operationPlan(schemas, 'get/points~1');
    expect(plan.hasQuery).toBe(true);
    expect(plan.hasCookie).toBe(true);
    const rows = plan.params.map(({ pointer, key, style, explode, type, itemType, properties, propTypes, json, content }) => ({
      pointer,
      key,
      style,
      explode,
      type,
      itemType,
      properties,
      propTypes,
      json,
      content,
    }));
    expect(rows).toEqual([
      {
        pointer: '/path/ids',
        key: 'ids',
        style: 'simple',
        explode: false,
        type: 'array',
        itemType: 'integer',
        properties: [],
        propTypes: {},
        json: false,
        content: false,
      },
      {
        pointer: '/query/at',
        key: 'at',
        style: 'form',
        explode: true,
        type: 'object',
        itemType: undefined,
        properties: ['x', 'label'],
        propTypes: { x: 'number', label: 'string' },
        json: false,
        content: false,
      },
      {
        pointer: '/headers/X-Mode',
        key: 'x-mode',
        style: 'simple',
        explode: true,
        type: 'string',
        itemType: undefined,
        properties: [],
        propTypes: {},
        json: false,
        content: false,
      },
      {
        pointer: '/cookies/c',
        key: 'c',
        style: 'form',
        explode: true,
        type: 'object',
        itemType: undefined,
        properties: [],
        propTypes: {},
        json: true,
        content: true,
      },
    ]);
    expect(plan.params[0]!.check!([1, null])).toBe(true);
    expect(plan.params[0]!.check!(['a'])).toBe(false);
  });

  test('request media: exact type, wildcard, JSON flags; cached per content type', () => {
    const plan = operationPlan(schemas, 'get/points~1');
    const json = plan.requestMedia('application/json; charset=utf-8');
    expect({ media: json?.media, declaredJson: json?.declaredJson, sentJson: json?.sentJson }).toEqual({
      media: 'application/*',
      declaredJson: false,
      sentJson: true,
    });
    expect(json?.check?.({})).toBe(true);
    expect(plan.requestMedia('application/json; charset=utf-8')).toBe(json);
    const csv = plan.requestMedia('TEXT/CSV');
    expect({ media: csv?.media, check: csv?.check }).toEqual({ media: 'text/csv', check: undefined });
    expect(plan.requestMedia('image/png')).toBeUndefined();
  });

  test('responses: exact, range, default; cached per status', () => {
    const plan = operationPlan(schemas, 'get/points~1');
    expect(plan.response(200)?.key).toBe('200');
    expect(plan.response(503)?.key).toBe('5XX');
    expect(plan.response(503)?.media('application/json')).toBeUndefined();
    expect(plan.response(404)?.key).toBe('default');
    expect(plan.response(200)).toBe(plan.response(200));
    const media = plan.response(200)?.media(undefined);
    expect(media?.media).toBe('application/json');
    expect(media?.check?.([])).toBe(true);
    expect(media?.check?.({})).toBe(false);
  });
});
