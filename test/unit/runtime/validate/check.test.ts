/**
 * Checking a request or response against its operation, with the contract compiled by ajv: each
 * parameter coerced by its schema's type and checked at its pointer, the body parsed and checked,
 * the status matched (exact, range, default), and the parts handed to a fake handler.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { checkRequest, checkResponse, type Finding, requestFindings, type WireRequest } from '../../../../runtime/validate/check.js';
import { type ContractSchemas, compileContract } from '../../../../runtime/validate/compile.js';
import type { Contract } from '../../../../runtime/validate/contract.js';
import { operationPlan } from '../../../../runtime/validate/plan.js';

const contract: Contract = {
  service: 'check-test',
  components: {
    schemas: { User: { type: 'object', required: ['id', 'email'], properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } } } },
  },
  operations: {
    updateUser: {
      operationId: 'updateUser',
      method: 'PUT',
      path: '/users/{id}',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        { name: 'tags', in: 'query', required: false, schema: { type: 'array', items: { type: 'integer' } } },
        { name: 'dry', in: 'query', required: false, schema: { type: 'boolean' } },
        { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', maxLength: 3 } },
        { name: 'session', in: 'cookie', required: false, schema: { type: 'string', pattern: '^s' } },
        { name: 'filter', in: 'query', required: false, content: 'application/json', schema: { type: 'object', required: ['q'] } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } }, 'text/plain': {} } },
      responses: {
        '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } },
        '4XX': { content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } } },
      },
    },
  },
};

let schemas: ContractSchemas;
beforeAll(async () => {
  schemas = await compileContract(contract);
});

const op = contract.operations['updateUser']!;
function wire(fields: Partial<WireRequest> = {}): WireRequest {
  return {
    path: { id: '7' },
    query: undefined,
    headers: { 'x-tenant': 'acm', cookie: 'session=s1' },
    contentType: 'application/json',
    body: '{"id":7,"email":"a@b.co"}',
    ...fields,
  };
}
const pointers = (findings: readonly Finding[]) => findings.map((f) => f.message);

describe('checkRequest', () => {
  test('a valid request: no finding; parts coerced by type for the handler', () => {
    const { parsed, findings } = checkRequest(
      schemas,
      'updateUser',
      op,
      wire({ query: new URLSearchParams('tags=1&tags=2&dry=true&filter=%7B%22q%22%3A1%7D') }),
    );
    expect(findings).toEqual([]);
    expect(parsed).toEqual({
      path: { id: 7 },
      query: { tags: [1, 2], dry: true, filter: { q: 1 } },
      headers: { 'x-tenant': 'acm', cookie: 'session=s1' },
      body: { id: 7, email: 'a@b.co' },
    });
  });

  test('each parameter fails at its own pointer', () => {
    const { findings } = checkRequest(
      schemas,
      'updateUser',
      op,
      wire({ path: { id: '0' }, query: new URLSearchParams('tags=x&dry=yes&filter=%7B'), headers: { 'x-tenant': 'long', cookie: 'a=1; session=t' } }),
    );
    expect(findings.every((f) => f.direction === 'request')).toBe(true);
    expect(pointers(findings)).toEqual([
      '/path/id must be >= 1',
      '/query/tags/0 must be integer',
      '/query/dry must be boolean',
      '/headers/X-Tenant must NOT have more than 3 characters',
      '/cookies/session must match pattern "^s"',
      `/query/filter is not JSON: ${jsonError('{')}`,
    ]);
  });

  test('a required parameter that is missing', () => {
    expect(pointers(checkRequest(schemas, 'updateUser', op, wire({ path: {}, headers: {} })).findings)).toEqual([
      '/path/id is required',
      '/headers/X-Tenant is required',
    ]);
  });

  test('the body: required, schema (with the missing property in the pointer), format, JSON, content type', () => {
    const body = (fields: Partial<WireRequest>) => pointers(checkRequest(schemas, 'updateUser', op, wire(fields)).findings);
    expect(body({ body: '' })).toEqual(['/body is required']);
    expect(body({ body: new TextEncoder().encode('{"id":7}') })).toEqual(["/body/email must have required property 'email'"]);
    expect(body({ body: '{"id":7,"email":"nope"}' })).toEqual(['/body/email must match format "email"']);
    expect(body({ body: '{' })).toEqual([`/body is not JSON: ${jsonError('{')}`]);
    expect(body({ contentType: 'image/png', body: 'x' })).toEqual(['/body has content type image/png; the spec accepts application/json, text/plain']);
    expect(body({ contentType: 'text/plain; charset=utf-8', body: 'free text' })).toEqual([]);
  });
});

describe('requestFindings (outgoing calls)', () => {
  test('the same findings, one frozen empty list when valid', () => {
    const plan = operationPlan(schemas, 'updateUser');
    const ok = requestFindings(plan, wire());
    expect(ok).toEqual([]);
    expect(Object.isFrozen(ok)).toBe(true);
    expect(requestFindings(plan, wire({ body: null })).map((f) => f.message)).toEqual(['/body is required']);
  });
});

describe('checkResponse', () => {
  test.each([
    ['a valid 200', 200, 'application/json', { id: 1, email: 'a@b.co' }, []],
    ['a 200 with a bad body', 200, 'application/json; charset=utf-8', { id: 'x', email: 'a@b.co' }, ['/body/id must be integer']],
    ['a 404 matches 4XX', 404, 'application/problem+json', {}, ["/body/title must have required property 'title'"]],
    ['a body that was not JSON is not checked', 200, 'text/html', '<p>', []],
    ['no body', 200, 'application/json', undefined, []],
    ['an undeclared status', 500, 'application/json', {}, ['/status 500 is not a response the spec declares (200, 4XX)']],
  ])('%s', (_name, status, contentType, body, want) => {
    const findings = checkResponse(schemas, 'updateUser', op, status, contentType, body);
    expect(findings.every((f) => f.direction === 'response')).toBe(true);
    expect(pointers(findings)).toEqual(want);
  });
});

/** The platform's own JSON.parse message for `text`, so the test does not depend on the Node version's wording. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
}
