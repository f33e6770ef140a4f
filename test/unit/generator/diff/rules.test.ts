/**
 * One case per kind (a breaking and a non-breaking variant wherever the kind has both sides),
 * each a small pair of specs made by mutating the base spec. Every case lists exactly the changes
 * it must produce, with the level expected from the client's side (written here, not read from the
 * rules table), so a stray change or a wrong level fails it.
 */
import { describe, expect, it } from 'vitest';
import { allRules, RULES } from '../../../../generator/diff/rules.js';
import { baseSpec, diffDocs, kindsOf } from '../../../diff/helpers.js';

type Json = Record<string, any>;
type Level = 'B' | 'N' | 'W';
interface Case {
  /** Mutates the old side (each side starts from its own copy of the base spec). */
  readonly old?: (d: Json) => void;
  /** Mutates the new side. */
  readonly new?: (d: Json) => void;
  readonly want: readonly [string, Level][];
  /** Expected `operation` of the first change. */
  readonly operation?: string | null;
}

const getUser = (d: Json) => d.paths['/users/{id}'].get;
const updateUser = (d: Json) => d.paths['/users/{id}'].put;
const param = (d: Json, name: string) => getUser(d).parameters.find((p: Json) => p.name === name);
const user = (d: Json) => d.components.schemas.User;
const input = (d: Json) => d.components.schemas.UserInput;
const ok200 = (d: Json) => getUser(d).responses['200'];
const jsonBody = (d: Json) => updateUser(d).requestBody.content['application/json'];
const secured = (d: Json) => {
  d.components.securitySchemes = { key: { type: 'apiKey', in: 'header', name: 'X-Key' } };
};

const CASES: Record<string, Case> = {
  // paths and operations
  'path removed': { new: (d) => delete d.paths['/health'], want: [['api-path-removed-without-deprecation', 'B']], operation: 'GET /health' },
  'deprecated path removed': {
    old: (d) => (d.paths['/health'].get.deprecated = true),
    new: (d) => delete d.paths['/health'],
    want: [['api-path-removed-with-deprecation', 'B']],
  },
  'operation removed': { new: (d) => delete d.paths['/users/{id}'].put, want: [['api-removed-without-deprecation', 'B']], operation: 'PUT /users/{id}' },
  'deprecated operation removed': {
    old: (d) => (updateUser(d).deprecated = true),
    new: (d) => delete d.paths['/users/{id}'].put,
    want: [['api-removed-with-deprecation', 'B']],
  },
  'operation added': {
    new: (d) => (d.paths['/health'].post = { operationId: 'ping', responses: { '204': { description: 'ok' } } }),
    want: [['endpoint-added', 'N']],
    operation: 'POST /health',
  },
  'method changed': {
    new: (d) => {
      d.paths['/users/{id}'].patch = updateUser(d);
      delete d.paths['/users/{id}'].put;
    },
    want: [['api-method-changed', 'B']],
    operation: 'PUT /users/{id}',
  },
  'path changed': {
    new: (d) => {
      d.paths['/status'] = d.paths['/health'];
      delete d.paths['/health'];
    },
    want: [['api-path-changed', 'B']],
  },
  'path parameter renamed in the template only': {
    new: (d) => {
      d.paths['/users/{userId}'] = d.paths['/users/{id}'];
      delete d.paths['/users/{id}'];
    },
    want: [],
  },
  'operationId renamed (method renamed)': {
    new: (d) => (getUser(d).operationId = 'fetchUser'),
    want: [['api-operation-id-removed', 'B']],
    operation: 'GET /users/{id}',
  },
  'operationId respelled, same method name': { new: (d) => (getUser(d).operationId = 'get_user'), want: [] },
  'operationId added (method renamed)': {
    old: (d) => delete d.paths['/health'].get.operationId,
    new: (d) => (d.paths['/health'].get.operationId = 'checkHealth'),
    want: [['api-operation-id-added', 'B']],
  },
  'operationId added, same method name': {
    old: (d) => delete d.paths['/health'].get.operationId,
    new: (d) => (d.paths['/health'].get.operationId = 'getHealth'),
    want: [],
  },
  // parameters
  'new required parameter': {
    new: (d) => getUser(d).parameters.push({ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }),
    want: [['new-required-request-parameter', 'B']],
  },
  'new required header': {
    new: (d) => getUser(d).parameters.push({ name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } }),
    want: [['new-required-request-parameter', 'B']],
  },
  'new optional parameter': {
    new: (d) => getUser(d).parameters.push({ name: 'limit', in: 'query', schema: { type: 'integer' } }),
    want: [['new-optional-request-parameter', 'N']],
  },
  'parameter removed': {
    new: (d) => (getUser(d).parameters = getUser(d).parameters.filter((p: Json) => p.name !== 'expand')),
    want: [['request-parameter-removed', 'W']],
  },
  'parameter became required': { new: (d) => (param(d, 'expand').required = true), want: [['request-parameter-became-required', 'B']] },
  'parameter became optional': { old: (d) => (param(d, 'expand').required = true), want: [['request-parameter-became-optional', 'N']] },
  'parameter style changed': { new: (d) => (param(d, 'expand').explode = false), want: [['request-parameter-style-changed', 'B']] },
  'parameter style spelled out, same serialisation': { new: (d) => Object.assign(param(d, 'expand'), { style: 'form', explode: true }), want: [] },
  'parameter type changed': { new: (d) => (param(d, 'page').schema = { type: 'string' }), want: [['request-parameter-type-changed', 'B']] },
  'parameter format changed': { new: (d) => (param(d, 'page').schema.format = 'int64'), want: [['request-parameter-type-changed', 'B']] },
  'parameter type widened': {
    new: (d) => (param(d, 'page').schema = { type: 'number', format: 'int32' }),
    want: [['request-parameter-type-generalized', 'N']],
  },
  'parameter became nullable': { new: (d) => (param(d, 'page').schema.nullable = true), want: [['request-parameter-became-nullable', 'N']] },
  'parameter became not nullable': { old: (d) => (param(d, 'page').schema.nullable = true), want: [['request-parameter-became-not-nullable', 'B']] },
  'parameter enum value removed': { new: (d) => (param(d, 'expand').schema.enum = ['a']), want: [['request-parameter-enum-value-removed', 'B']] },
  'parameter enum value added': { new: (d) => (param(d, 'expand').schema.enum = ['a', 'b', 'c']), want: [['request-parameter-enum-value-added', 'N']] },
  'parameter became enum': { new: (d) => (param(d, 'page').schema.enum = [1, 2]), want: [['request-parameter-became-enum', 'B']] },
  'parameter enum removed': { new: (d) => delete param(d, 'expand').schema.enum, want: [['request-parameter-enum-removed', 'N']] },
  // request body
  'required body added': { old: (d) => delete updateUser(d).requestBody, want: [['request-body-added-required', 'B']] },
  'optional body added': {
    old: (d) => delete updateUser(d).requestBody,
    new: (d) => (updateUser(d).requestBody.required = false),
    want: [['request-body-added-optional', 'N']],
  },
  'body removed': { new: (d) => delete updateUser(d).requestBody, want: [['request-body-removed', 'W']] },
  'body became required': { old: (d) => (updateUser(d).requestBody.required = false), want: [['request-body-became-required', 'B']] },
  'body became optional': { new: (d) => (updateUser(d).requestBody.required = false), want: [['request-body-became-optional', 'N']] },
  'body media type removed': {
    old: (d) => (updateUser(d).requestBody.content['application/xml'] = jsonBody(d)),
    want: [['request-body-media-type-removed', 'B']],
  },
  'body media type added': { new: (d) => (updateUser(d).requestBody.content['application/xml'] = jsonBody(d)), want: [['request-body-media-type-added', 'N']] },
  'body type changed': {
    new: (d) => (jsonBody(d).schema = { type: 'array', items: { $ref: '#/components/schemas/UserInput' } }),
    want: [['request-body-type-changed', 'B']],
  },
  'body type widened': {
    old: (d) => (jsonBody(d).schema = { type: 'integer' }),
    new: (d) => (jsonBody(d).schema = { type: 'number' }),
    want: [['request-body-type-generalized', 'N']],
  },
  'body became nullable': { new: (d) => (input(d).nullable = true), want: [['request-body-became-nullable', 'N']] },
  'body became not nullable': { old: (d) => (input(d).nullable = true), want: [['request-body-became-not-nullable', 'B']] },
  'body enum value removed': {
    old: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x', 'y'] }),
    new: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x'] }),
    want: [['request-body-enum-value-removed', 'B']],
  },
  'body enum value added': {
    old: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x'] }),
    new: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x', 'y'] }),
    want: [['request-body-enum-value-added', 'N']],
  },
  'body became enum': {
    old: (d) => (jsonBody(d).schema = { type: 'string' }),
    new: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x'] }),
    want: [['request-body-became-enum', 'B']],
  },
  'body enum removed': {
    old: (d) => (jsonBody(d).schema = { type: 'string', enum: ['x'] }),
    new: (d) => (jsonBody(d).schema = { type: 'string' }),
    want: [['request-body-enum-removed', 'N']],
  },
  'request property type changed': { new: (d) => (input(d).properties.name.type = 'integer'), want: [['request-property-type-changed', 'B']] },
  'request property type widened': { new: (d) => (input(d).properties.count.type = 'number'), want: [['request-property-type-generalized', 'N']] },
  'request property became nullable': { new: (d) => (input(d).properties.nickname.nullable = true), want: [['request-property-became-nullable', 'N']] },
  'request property became not nullable': { old: (d) => (input(d).properties.nickname.nullable = true), want: [['request-property-became-not-nullable', 'B']] },
  'request property enum value removed': { new: (d) => (input(d).properties.role.enum = ['admin']), want: [['request-property-enum-value-removed', 'B']] },
  'request property enum value added': { new: (d) => input(d).properties.role.enum.push('guest'), want: [['request-property-enum-value-added', 'N']] },
  'request property became enum': { new: (d) => (input(d).properties.nickname.enum = ['x']), want: [['request-property-became-enum', 'B']] },
  'request property enum removed': { new: (d) => delete input(d).properties.role.enum, want: [['request-property-enum-removed', 'N']] },
  'new required request property': {
    new: (d) => {
      input(d).properties.email = { type: 'string' };
      input(d).required.push('email');
    },
    want: [['new-required-request-property', 'B']],
  },
  'new optional request property': { new: (d) => (input(d).properties.email = { type: 'string' }), want: [['new-optional-request-property', 'N']] },
  'request property removed': { new: (d) => delete input(d).properties.nickname, want: [['request-property-removed', 'W']] },
  'request property became required': { new: (d) => input(d).required.push('nickname'), want: [['request-property-became-required', 'B']] },
  'request property became optional': { new: (d) => (input(d).required = []), want: [['request-property-became-optional', 'N']] },
  'read-only property added to a request schema': {
    new: (d) => {
      input(d).properties.id = { type: 'string', readOnly: true };
      input(d).required.push('id');
    },
    want: [],
  },
  // responses
  'success status removed': { new: (d) => delete getUser(d).responses['200'], want: [['response-success-status-removed', 'B']] },
  'success status added': { new: (d) => (getUser(d).responses['203'] = { description: 'cached' }), want: [['response-success-status-added', 'N']] },
  'error status removed': { new: (d) => delete getUser(d).responses['404'], want: [['response-non-success-status-removed', 'N']] },
  'error status added': { new: (d) => (getUser(d).responses['500'] = { description: 'oops' }), want: [['response-non-success-status-added', 'N']] },
  'response media type removed': {
    old: (d) => (ok200(d).content['application/xml'] = ok200(d).content['application/json']),
    want: [['response-media-type-removed', 'B']],
  },
  'response media type added': {
    new: (d) => (ok200(d).content['application/xml'] = ok200(d).content['application/json']),
    want: [['response-media-type-added', 'N']],
  },
  'response body type changed': {
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'array', items: { $ref: '#/components/schemas/User' } }),
    want: [['response-body-type-changed', 'B']],
  },
  'response body type narrowed': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'number' }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'integer' }),
    want: [['response-body-type-specialized', 'N']],
  },
  'response body type widened': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'integer' }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'number' }),
    want: [['response-body-type-changed', 'B']],
  },
  'response body became nullable': { new: (d) => (user(d).nullable = true), want: [['response-body-became-nullable', 'B']] },
  'response body became not nullable': { old: (d) => (user(d).nullable = true), want: [['response-body-became-not-nullable', 'N']] },
  'response body enum value added': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x'] }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x', 'y'] }),
    want: [['response-body-enum-value-added', 'W']],
  },
  'response body enum value removed': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x', 'y'] }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x'] }),
    want: [['response-body-enum-value-removed', 'N']],
  },
  'response body became enum': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'string' }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x'] }),
    want: [['response-body-became-enum', 'N']],
  },
  'response body enum removed': {
    old: (d) => (ok200(d).content['application/json'].schema = { type: 'string', enum: ['x'] }),
    new: (d) => (ok200(d).content['application/json'].schema = { type: 'string' }),
    want: [['response-body-enum-removed', 'W']],
  },
  'response property type changed': { new: (d) => (user(d).properties.age.type = 'string'), want: [['response-property-type-changed', 'B']] },
  'response property type narrowed': { new: (d) => (user(d).properties.score.type = 'integer'), want: [['response-property-type-specialized', 'N']] },
  'response property format changed': { new: (d) => (user(d).properties.id.format = 'uuid'), want: [['response-property-type-specialized', 'N']] },
  'response property became nullable': { new: (d) => (user(d).properties.name.nullable = true), want: [['response-property-became-nullable', 'B']] },
  'response property became not nullable': { old: (d) => (user(d).properties.name.nullable = true), want: [['response-property-became-not-nullable', 'N']] },
  'response property enum value added': { new: (d) => user(d).properties.status.enum.push('banned'), want: [['response-property-enum-value-added', 'W']] },
  'response property enum value removed': { new: (d) => (user(d).properties.status.enum = ['active']), want: [['response-property-enum-value-removed', 'N']] },
  'response property became enum': { new: (d) => (user(d).properties.nickname.enum = ['x']), want: [['response-property-became-enum', 'N']] },
  'response property enum removed': { new: (d) => delete user(d).properties.status.enum, want: [['response-property-enum-removed', 'W']] },
  'required response property removed': {
    new: (d) => {
      user(d).required = ['id'];
      delete user(d).properties.name;
    },
    want: [['response-required-property-removed', 'B']],
  },
  'optional response property removed': { new: (d) => delete user(d).properties.nickname, want: [['response-optional-property-removed', 'B']] },
  'required response property added': {
    new: (d) => {
      user(d).properties.email = { type: 'string' };
      user(d).required.push('email');
    },
    want: [['response-required-property-added', 'N']],
  },
  'optional response property added': { new: (d) => (user(d).properties.email = { type: 'string' }), want: [['response-optional-property-added', 'N']] },
  'response property became optional': { new: (d) => (user(d).required = ['id']), want: [['response-property-became-optional', 'B']] },
  'response property became required': { new: (d) => user(d).required.push('nickname'), want: [['response-property-became-required', 'N']] },
  'write-only property removed from a response schema': { old: (d) => (user(d).properties.password = { type: 'string', writeOnly: true }), want: [] },
  'required response header removed': {
    old: (d) => (ok200(d).headers = { 'X-Rate': { required: true, schema: { type: 'integer' } } }),
    want: [['required-response-header-removed', 'B']],
  },
  'optional response header removed': {
    old: (d) => (ok200(d).headers = { 'X-Rate': { schema: { type: 'integer' } } }),
    want: [['optional-response-header-removed', 'W']],
  },
  'response header became optional': {
    old: (d) => (ok200(d).headers = { 'X-Rate': { required: true, schema: { type: 'integer' } } }),
    new: (d) => (ok200(d).headers = { 'X-Rate': { schema: { type: 'integer' } } }),
    want: [['response-header-became-optional', 'B']],
  },
  // security and servers
  'operation security required': {
    old: secured,
    new: (d) => (secured(d), (getUser(d).security = [{ key: [] }])),
    want: [['api-security-required', 'B']],
    operation: 'GET /users/{id}',
  },
  'operation security scheme added to those needed': {
    old: (d) => (secured(d), (getUser(d).security = [{ key: [] }])),
    new: (d) => (secured(d), (getUser(d).security = [{ key: [], token: [] }])),
    want: [['api-security-required', 'B']],
  },
  'operation security scheme added as an alternative': {
    old: (d) => (secured(d), (getUser(d).security = [{ key: [] }])),
    new: (d) => (secured(d), (getUser(d).security = [{ key: [] }, { token: [] }])),
    want: [['api-security-added', 'N']],
  },
  'operation security removed': { old: (d) => (secured(d), (getUser(d).security = [{ key: [] }])), new: secured, want: [['api-security-removed', 'N']] },
  'operation security made optional': {
    old: (d) => (secured(d), (getUser(d).security = [{ key: [] }])),
    new: (d) => (secured(d), (getUser(d).security = [{ key: [] }, {}])),
    want: [],
  },
  'global security required': {
    old: secured,
    new: (d) => (secured(d), (d.security = [{ key: [] }])),
    want: [['api-global-security-required', 'B']],
    operation: null,
  },
  'global security scheme added as an alternative': {
    old: (d) => (secured(d), (d.security = [{ key: [] }])),
    new: (d) => (secured(d), (d.security = [{ key: [] }, { token: [] }])),
    want: [['api-global-security-added', 'N']],
  },
  'global security removed': { old: (d) => (secured(d), (d.security = [{ key: [] }])), new: secured, want: [['api-global-security-removed', 'N']] },
  'server base path changed': {
    new: (d) => (d.servers = [{ url: 'https://api.example.com/v2' }]),
    want: [['api-server-base-path-changed', 'B']],
    operation: null,
  },
  'server host changed, same base path': { new: (d) => (d.servers = [{ url: 'https://users.internal/v1/' }]), want: [['api-server-url-changed', 'W']] },
  'server variables resolve to the same URL': {
    new: (d) => (d.servers = [{ url: 'https://{host}/v1', variables: { host: { default: 'api.example.com' } } }]),
    want: [],
  },
  // $refs
  'schema renamed in components': {
    new: (d) => {
      d.components.schemas.Person = user(d);
      delete d.components.schemas.User;
      ok200(d).content['application/json'].schema = { $ref: '#/components/schemas/Person' };
    },
    want: [],
  },
  'schema inlined instead of referenced': { new: (d) => (ok200(d).content['application/json'].schema = structuredClone(user(d))), want: [] },
  'allOf split of the same object': {
    new: (d) => {
      const u = user(d);
      d.components.schemas.Base = { type: 'object', required: ['id'], properties: { id: u.properties.id } };
      delete u.properties.id;
      u.required = ['name'];
      d.components.schemas.User = { allOf: [{ $ref: '#/components/schemas/Base' }, u] };
    },
    want: [],
  },
};

describe('svc-gen diff kinds', () => {
  it.each(Object.entries(CASES))('%s', (_name, c) => {
    const oldDoc = baseSpec();
    c.old?.(oldDoc);
    const newDoc = baseSpec();
    c.new?.(newDoc);
    const report = diffDocs(oldDoc, newDoc);
    expect(kindsOf(report)).toEqual(c.want);
    const first = [...report.breaking, ...report.warnings, ...report.nonBreaking][0];
    if (c.operation !== undefined) expect(first?.operation).toBe(c.operation);
    for (const change of [...report.breaking, ...report.warnings, ...report.nonBreaking]) {
      expect(change.message).not.toMatch(/\n/);
      expect(change.pointer.old ?? change.pointer.new).not.toBeNull();
    }
  });

  it('has a case for every kind in the rules table (service kinds are in sides.test.ts, bounds and oneOf/anyOf below)', () => {
    const covered = new Set(Object.values(CASES).flatMap((c) => c.want.map(([k]) => k)));
    const missing = Object.keys(RULES).filter((k) => !covered.has(k) && !k.startsWith('service-') && !/-(one|any)-of-(added|removed)$/.test(k));
    expect(missing).toEqual([]);
  });
});

/** Where a bound is put, per kind prefix: a schema on each side to set it on. */
const BOUND_SITES: Record<string, (d: Json) => Json> = {
  'request-parameter': (d) => param(d, 'page').schema,
  'request-body': (d) => (jsonBody(d).schema = { type: 'string' }),
  'request-property': (d) => input(d).properties.nickname,
  'response-body': (d) => (ok200(d).content['application/json'].schema = { type: 'string' }),
  'response-property': (d) => user(d).properties.nickname,
};
const KEYWORDS: Record<string, string> = {
  max: 'maximum',
  'max-length': 'maxLength',
  'max-items': 'maxItems',
  min: 'minimum',
  'min-length': 'minLength',
  'min-items': 'minItems',
};
/** Old → new value of the bound for each change (undefined: absent). */
const VALUES: Record<string, [number | undefined, number | undefined]> = { decreased: [10, 5], increased: [5, 10], set: [undefined, 5], unset: [5, undefined] };

describe('svc-gen diff bounds (oasdiff levels: request tighter ERR, looser INFO, new WARN; response looser ERR)', () => {
  const kinds = Object.keys(allRules()).filter((k) => /-(max|min)(-length|-items)?-(decreased|increased|set|unset)$/.test(k));
  it('covers request parameters, bodies and properties and response bodies and properties', () => expect(kinds.length).toBe(3 * 16 + 2 * 7));
  it.each(kinds)('%s', (kind) => {
    const [, prefix, bound, change] =
      /^(request-parameter|request-body|request-property|response-body|response-property)-(max|min|max-length|min-length|max-items|min-items)-(\w+)$/.exec(
        kind,
      ) ?? [];
    const site = BOUND_SITES[prefix as string] as (d: Json) => Json;
    const [before, after] = VALUES[change as string] as [number | undefined, number | undefined];
    const keyword = KEYWORDS[bound as string] as string;
    const oldDoc = baseSpec();
    const newDoc = baseSpec();
    if (before !== undefined) site(oldDoc)[keyword] = before;
    else site(oldDoc);
    if (after !== undefined) site(newDoc)[keyword] = after;
    else site(newDoc);
    const tighter = (bound as string).startsWith('max') ? change === 'decreased' : change === 'increased';
    const level: Level = prefix?.startsWith('response') ? 'B' : change === 'set' ? 'W' : tighter ? 'B' : 'N';
    expect(kindsOf(diffDocs(oldDoc, newDoc))).toEqual([[kind, level]]);
  });

  it('a looser bound in a request and a tighter one in a response are no change for the client', () => {
    const oldDoc = baseSpec();
    const newDoc = baseSpec();
    input(oldDoc).properties.nickname.maxLength = 5;
    input(newDoc).properties.nickname.maxLength = 10;
    user(oldDoc).properties.nickname.maxLength = 10;
    user(newDoc).properties.nickname.maxLength = 5;
    expect(kindsOf(diffDocs(oldDoc, newDoc))).toEqual([['request-property-max-length-increased', 'N']]);
  });
});

describe('svc-gen diff oneOf/anyOf branches (paired by $ref target; oasdiff levels)', () => {
  const pets = (d: Json) => {
    d.components.schemas.Cat = { type: 'object', properties: { meow: { type: 'boolean' } } };
    d.components.schemas.Dog = { type: 'object', properties: { bark: { type: 'boolean' } } };
  };
  const SITES: Record<string, (d: Json, union: Json) => void> = {
    'request-body': (d, u) => (jsonBody(d).schema = u),
    'request-property': (d, u) => (input(d).properties.pet = u),
    'response-body': (d, u) => (ok200(d).content['application/json'].schema = u),
    'response-property': (d, u) => (user(d).properties.pet = u),
  };
  const LEVELS: Record<string, Level> = {
    'request-added': 'N',
    'request-removed': 'B',
    'response-one-of-added': 'B',
    'response-one-of-removed': 'N',
    'response-any-of-added': 'N',
    'response-any-of-removed': 'N',
  };
  const cases = Object.keys(SITES).flatMap((site) => ['one-of', 'any-of'].flatMap((of) => ['added', 'removed'].map((change) => `${site}-${of}-${change}`)));
  it.each(cases)('%s', (kind) => {
    const [, site, of, change] = /^(\w+-\w+)-(one-of|any-of)-(added|removed)$/.exec(kind) ?? [];
    const key = of === 'one-of' ? 'oneOf' : 'anyOf';
    const both = { [key]: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] };
    const one = { [key]: [{ $ref: '#/components/schemas/Cat' }] };
    const [oldDoc, newDoc] = [baseSpec(), baseSpec()];
    pets(oldDoc);
    pets(newDoc);
    SITES[site as string]?.(oldDoc, change === 'added' ? one : both);
    SITES[site as string]?.(newDoc, change === 'added' ? both : one);
    const dir = (site as string).split('-')[0];
    const level = (dir === 'request' ? LEVELS[`request-${change}`] : LEVELS[`response-${of}-${change}`]) as Level;
    const expected: [string, Level][] = [[kind, level]];
    // The request property `pet` and the response property `pet` are new on both sides alike: no other change.
    expect(kindsOf(diffDocs(oldDoc, newDoc))).toEqual(expected);
  });

  it('a change inside a paired branch is reported as the property change it is', () => {
    const [oldDoc, newDoc] = [baseSpec(), baseSpec()];
    pets(oldDoc);
    pets(newDoc);
    delete newDoc.components.schemas.Dog.properties.bark;
    const u = { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }] };
    ok200(oldDoc).content['application/json'].schema = u;
    ok200(newDoc).content['application/json'].schema = structuredClone(u);
    expect(kindsOf(diffDocs(oldDoc, newDoc))).toEqual([['response-optional-property-removed', 'B']]);
  });
});
