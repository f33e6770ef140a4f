/**
 * Parameters serialized other than the default way (label and matrix paths, unexploded and
 * delimited queries, deepObject, exploded objects, array headers, cookies) and `content`
 * parameters (JSON text) are read as their style wrote them and checked against their schemas:
 * by the fake (400 with the pointer, parsed values for the handler) and by request validation.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { APIException, type ContractViolation, closeAll, configure, getService, registerContracts } from 'svc-gen/runtime';
import { createFake, type Fake } from 'svc-gen/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractsFromSpecs } from '../../generator/contract/from-specs.js';
import type { Contract } from '../../runtime/validate/contract.js';
import { cleanup, tempDir } from '../generator/helpers/fs.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const SPEC = `openapi: 3.1.0
info: { title: styled, version: '1' }
paths:
  /items/{ids}:
    get:
      operationId: listItems
      parameters:
        - { name: ids, in: path, required: true, style: label, schema: { type: array, items: { type: integer } } }
        - { name: limit, in: query, style: form, explode: false, schema: { type: array, items: { type: integer, maximum: 100 } } }
        - { name: tags, in: query, style: pipeDelimited, schema: { type: array, items: { type: string, enum: [a, b] } } }
        - { name: filter, in: query, style: deepObject, schema: { type: object, properties: { min: { type: integer } }, additionalProperties: false } }
        - name: where
          in: query
          content: { application/json: { schema: { type: object, required: [field], properties: { field: { type: string } } } } }
        - { name: point, in: query, schema: { type: object, properties: { x: { type: integer }, y: { type: integer } } } }
        - { name: X-Ids, in: header, schema: { type: array, items: { type: integer } } }
        - { name: session, in: cookie, schema: { type: string, pattern: '^s-' } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
  /cells/{cell}:
    get:
      operationId: getCell
      parameters:
        - { name: cell, in: path, required: true, style: matrix, explode: true, schema: { type: object, properties: { row: { type: integer }, col: { type: integer } } } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object } } } }
`;

const GOOD = {
  path: '/items/.1,2',
  query: `limit=10,20&tags=a|b&filter[min]=3&where=${encodeURIComponent('{"field":"x"}')}&x=1&y=2`,
  headers: { 'x-ids': '1, 2', cookie: 'other=1; session=s-1' },
};
/** One thing wrong at a time, and where the violation points. */
const BAD: [string, { path?: string; query?: string; headers?: Record<string, string> }, string][] = [
  ['a label path item that is not an integer', { path: '/items/.1,zz' }, '/path/ids/1'],
  ['an unexploded query list item over its maximum', { query: GOOD.query.replace('limit=10,20', 'limit=10,500') }, '/query/limit/1'],
  ['a pipe-delimited item outside its enum', { query: GOOD.query.replace('tags=a|b', 'tags=a|c') }, '/query/tags/1'],
  ['a deepObject key the schema does not allow', { query: `${GOOD.query}&filter[max]=1` }, '/query/filter'],
  [
    'a content parameter missing a required property',
    { query: GOOD.query.replace(/where=[^&]*/, `where=${encodeURIComponent('{"other":1}')}`) },
    '/query/where/field',
  ],
  ['a content parameter that is not JSON', { query: GOOD.query.replace(/where=[^&]*/, 'where=field') }, '/query/where'],
  ['an exploded form object property of the wrong type', { query: GOOD.query.replace('x=1', 'x=left') }, '/query/point/x'],
  ['an array header item that is not an integer', { headers: { ...GOOD.headers, 'x-ids': '1, q' } }, '/headers/X-Ids/1'],
  ['a cookie that does not match its pattern', { headers: { ...GOOD.headers, cookie: 'session=t-1' } }, '/cookies/session'],
  ['a matrix exploded object property of the wrong type', { path: '/cells/;row=1;col=b', query: '', headers: {} }, '/path/cell/col'],
];

let dir: string;
let contract: Contract;
beforeAll(async () => {
  dir = tempDir();
  const file = path.join(dir, 'styled.yaml');
  writeFileSync(file, SPEC);
  [contract] = (await contractsFromSpecs([file])) as [Contract];
});
afterAll(() => cleanup(dir));

it('the contract keeps each parameter style, explode and content media with its schema', () => {
  const params = contract.operations['listItems']?.parameters ?? [];
  expect(params.map((p) => [p.name, p.in, p.style, p.explode, p.content, p.schema !== undefined])).toEqual([
    ['ids', 'path', 'label', undefined, undefined, true],
    ['limit', 'query', undefined, false, undefined, true],
    ['tags', 'query', 'pipeDelimited', undefined, undefined, true],
    ['filter', 'query', 'deepObject', undefined, undefined, true],
    ['where', 'query', undefined, undefined, 'application/json', true],
    ['point', 'query', undefined, undefined, undefined, true],
    ['X-Ids', 'header', undefined, undefined, undefined, true],
    ['session', 'cookie', undefined, undefined, undefined, true],
  ]);
  expect(contract.operations['getCell']?.parameters[0]).toMatchObject({ style: 'matrix', explode: true });
});

describe('the fake', () => {
  let fake: Fake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('reads every style into typed values for the handler', async () => {
    let seen: unknown;
    fake = await createFake('styled', { listItems: (request: unknown) => ((seen = request), { status: 200, body: {} }) }, { contract, point: false });
    const res = await fetch(`${fake.url}${GOOD.path}?${GOOD.query}`, { headers: GOOD.headers });
    expect(res.status).toBe(200);
    expect(fake.violations).toEqual([]);
    expect(seen).toMatchObject({
      path: { ids: [1, 2] },
      query: { limit: [10, 20], tags: ['a', 'b'], filter: { min: 3 }, where: { field: 'x' }, point: { x: 1, y: 2 } },
    });
  });

  it.each(BAD)('refuses %s with 400 at its pointer', async (_what, change, pointer) => {
    fake = await createFake('styled', { listItems: () => ({ status: 200, body: {} }), getCell: () => ({ status: 200, body: {} }) }, { contract, point: false });
    const res = await fetch(`${fake.url}${change.path ?? GOOD.path}?${change.query ?? GOOD.query}`, { headers: change.headers ?? GOOD.headers });
    expect(res.status).toBe(400);
    expect(fake.violations.map((v) => [v.direction, v.pointer])).toEqual([['request', pointer]]);
  });
});

describe('request validation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
  });
  afterAll(() => server.close());
  afterEach(() => closeAll());

  function setup(): ContractViolation[] {
    const seen: ContractViolation[] = [];
    registerContracts({ styled: async () => ({ contract }) });
    configure({
      serviceConnections: ['styled'],
      services: { styled: { url: server.url } },
      validate: { requests: 'throw' },
      onContractViolation: (v) => seen.push(v),
    });
    return seen;
  }

  it('passes a well-formed styled request', async () => {
    const seen = setup();
    await getService('styled').httpDispatch('GET', `${GOOD.path}?${GOOD.query}`, { headers: GOOD.headers });
    expect(seen).toEqual([]);
  });

  it.each(BAD)('refuses %s before it is sent, at its pointer', async (_what, change, pointer) => {
    const seen = setup();
    const sent = server.received.length;
    const error = await getService('styled')
      .httpDispatch('GET', `${change.path ?? GOOD.path}?${change.query ?? GOOD.query}`, { headers: change.headers ?? GOOD.headers })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect((error as APIException).errorCode.name).toBe('contract_violation');
    expect(seen.map((v) => [v.direction, v.pointer])).toEqual([['request', pointer]]);
    expect(server.received.length).toBe(sent);
  });
});
