/**
 * `components.schemas` → export names (generator/model/schemas.ts) and declared statuses → result
 * variants (generator/model/responses.ts), on literal documents: safe names kept, unsafe ones
 * PascalCased, clashes numbered, every rename reported, the same input always giving the same names.
 */
import { describe, expect, it } from 'vitest';
import { responseTypes } from '../../../../generator/model/responses.js';
import { refName, schemaNames } from '../../../../generator/model/schemas.js';

type Case = [name: string, keys: string[], taken: string[], want: string[], renamed: number];

const cases: Case[] = [
  ['safe names are kept, in spec order', ['User', 'Error', 'user_page'], [], ['User', 'Error', 'user_page'], 0],
  [
    'unsafe keys are PascalCased (reported only when more than that was needed)',
    ['product-list', 'v1.Order', '2fa', 'class'],
    [],
    ['ProductList', 'V1Order', '_2fa', 'Class'],
    1,
  ],
  ['a kept key wins over a sanitised one, whatever the order', ['product-list', 'ProductList'], [], ['ProductList2', 'ProductList'], 1],
  [
    'a clash with the module exports or its globals is numbered',
    ['GetUserParams', 'Promise', 'Record'],
    ['GetUserParams'],
    ['GetUserParams2', 'Promise2', 'Record2'],
    3,
  ],
  ['a $-name never reaches the $-prefixed internals', ['$ops', '$t'], [], ['Ops', 'T'], 0],
  ['reserved words and empty keys', ['default', '', 'delete'], [], ['Default', 'Schema', 'Delete'], 1],
];

describe('schema export names', () => {
  it.each(cases)('%s', (_name, keys, taken, want, renamed) => {
    const doc = { components: { schemas: Object.fromEntries(keys.map((k) => [k, { type: 'object' }])) } };
    const warnings: string[] = [];
    const names = schemaNames(doc, new Set(taken), (m) => warnings.push(m));
    expect(names.schemas.map((s) => s.exportName)).toEqual(want);
    expect(warnings).toHaveLength(renamed);
    expect(schemaNames(doc, new Set(taken), () => {}).schemas).toEqual(names.schemas);
  });

  it('refs find their export, pointer-escaped or percent-encoded', () => {
    const names = schemaNames({ components: { schemas: { 'a/b~c': {}, Ünï: {} } } }, new Set(), () => {});
    expect(refName(names, { $ref: '#/components/schemas/a~1b~0c' })).toBe('ABC');
    expect(refName(names, { $ref: '#/components/schemas/%C3%9Cn%C3%AF' })).toBe(names.schemas[1]!.exportName);
    expect(refName(names, { $ref: '#/components/responses/X' })).toBeUndefined();
  });

  it('plain object schemas become interfaces (named on hover); unions, enums and nullables stay aliases', () => {
    const schemas = {
      Obj: { type: 'object', properties: {} },
      Props: { properties: { a: {} } },
      Nullable: { type: ['object', 'null'] },
      OneOf: { type: 'object', oneOf: [] },
      Enum: { type: 'string', enum: ['a'] },
      Alias: { $ref: '#/components/schemas/Obj' },
    };
    const names = schemaNames({ components: { schemas } }, new Set(), () => {});
    expect(names.schemas.map((s) => [s.exportName, s.isInterface])).toEqual([
      ['Obj', true],
      ['Props', true],
      ['Nullable', false],
      ['OneOf', false],
      ['Enum', false],
      ['Alias', false],
    ]);
  });
});

describe('response variants', () => {
  const NONE = schemaNames({}, new Set(), () => {});
  const json = (schema: object = {}) => ({ description: 'x', content: { 'application/json': { schema } } });

  it('one variant per declared status; ranges and default fall to the catch-all; headers typed by lower-cased name', () => {
    const responses = {
      '200': { ...json(), headers: { ETag: { required: true }, 'X-Rate-Limit': {}, 'content-type': {}, "it's": {} } },
      '404': json(),
      '4XX': json(),
      default: json(),
    };
    const r = responseTypes({}, { responses }, '$op', 'GET', NONE);
    expect(r.responses).toEqual([
      {
        ok: true,
        statusType: '200',
        dataType: "$op['responses']['200']['content']['application/json']",
        headersType: "{ etag: string; 'x-rate-limit'?: string; 'it\\'s'?: string }",
      },
      { ok: false, statusType: '404', dataType: "$op['responses']['404']['content']['application/json']", headersType: null },
    ]);
    expect(r.errorStatuses).toBe('404');
  });

  it('statuses with the same body and headers share a variant', () => {
    const names = schemaNames({ components: { schemas: { E: {} } } }, new Set(), () => {});
    const e = json({ $ref: '#/components/schemas/E' });
    const r = responseTypes(
      {},
      { responses: { '200': json(), '201': json(), '403': e, '404': e, '410': { ...e, headers: { Sunset: {} } } } },
      '$op',
      'GET',
      names,
    );
    expect(r.responses.map((v) => [v.ok, v.statusType, v.dataType, v.headersType])).toEqual([
      [true, '200', "$op['responses']['200']['content']['application/json']", null],
      [true, '201', "$op['responses']['201']['content']['application/json']", null],
      [false, '403 | 404', 'E', null],
      [false, '410', 'E', '{ sunset?: string }'],
    ]);
    expect(r.errorStatuses).toBe('403 | 404 | 410');
  });

  it('a success declared only as default is any 2xx; no error status gives a catch-all excluding nothing', () => {
    const r = responseTypes({}, { responses: { default: { description: 'x' } } }, '$op', 'GET', NONE);
    expect(r.responses).toEqual([{ ok: true, statusType: '$t.SuccessStatus', dataType: 'null', headersType: null }]);
    expect(r.errorStatuses).toBe('never');
  });
});
