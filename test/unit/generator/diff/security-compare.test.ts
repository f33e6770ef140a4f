/**
 * Security requirements and servers compared (diff/security-compare.ts): a lost way to authenticate
 * breaks, a new alternative does not; a moved base path and another host are told apart.
 */
import { describe, expect, it } from 'vitest';
import type { OperationSide } from '../../../../generator/diff/operation-side.js';
import { compareGlobalSecurity, compareOperationSecurity, compareServers } from '../../../../generator/diff/security-compare.js';

type Json = Record<string, unknown>;
type Emitted = [string, string | null, string | null, string];

function collect(run: (emit: (kind: string, o: string | null, n: string | null, message: string) => void) => void): Emitted[] {
  const out: Emitted[] = [];
  run((kind, o, n, message) => out.push([kind, o, n, message]));
  return out;
}

const globalSecurity = (before: unknown, after: unknown) =>
  collect((emit) => compareGlobalSecurity(before === undefined ? {} : { security: before }, after === undefined ? {} : { security: after }, emit));

describe('compareGlobalSecurity', () => {
  it('anonymous calls no longer allowed: credentials now required, naming the schemes', () => {
    expect(globalSecurity(undefined, [{ apiKey: [] }, { oauth: ['read'] }])).toEqual([
      ['api-global-security-required', '/security', '/security', 'credentials now required (needs apiKey or oauth)'],
    ]);
  });

  it('an empty list is anonymous too', () => {
    expect(globalSecurity([], [{ apiKey: [] }])[0]?.[3]).toBe('credentials now required (needs apiKey)');
  });

  it('an alternative that now needs a second scheme is lost', () => {
    expect(globalSecurity([{ apiKey: [] }], [{ apiKey: [], mtls: [] }])).toEqual([
      ['api-global-security-required', '/security', '/security', 'no longer accepts apiKey alone (needs mtls)'],
    ]);
  });

  it('names a lost alternative’s schemes in sorted order', () => {
    expect(globalSecurity([{ mtls: [], apiKey: [] }], [{ oauth: [], mtls: [], apiKey: [] }])).toEqual([
      ['api-global-security-required', '/security', '/security', 'no longer accepts apiKey + mtls alone (needs oauth)'],
    ]);
  });

  it('a new alternative beside the old one is only an addition', () => {
    expect(globalSecurity([{ apiKey: [] }], [{ apiKey: [] }, { oauth: [] }])).toEqual([
      ['api-global-security-added', '/security', '/security', 'security scheme oauth accepted as an alternative'],
    ]);
  });

  it('a scheme dropped from an alternative is no longer needed', () => {
    expect(globalSecurity([{ apiKey: [], mtls: [] }], [{ apiKey: [] }])).toEqual([
      ['api-global-security-removed', '/security', '/security', 'security scheme mtls no longer needed'],
    ]);
  });

  it('the same requirements in another order report nothing', () => {
    expect(globalSecurity([{ a: [], b: [] }, { c: [] }], [{ c: [] }, { b: [], a: [] }])).toEqual([]);
  });

  it('security dropped altogether loses nothing', () => {
    expect(globalSecurity([{ apiKey: [] }], undefined)).toEqual([
      ['api-global-security-removed', '/security', '/security', 'security scheme apiKey no longer needed'],
    ]);
  });
});

const side = (op: Json, doc: Json = {}): OperationSide => ({ doc, path: '/a', method: 'GET', pathItem: { get: op }, op, pointer: '/paths/~1a/get' });

describe('compareOperationSecurity', () => {
  it('says nothing when neither side declares its own security (the global comparison covers it)', () => {
    expect(collect((emit) => compareOperationSecurity(side({}, { security: [{ a: [] }] }), side({}, {}), emit))).toEqual([]);
  });

  it('an operation overriding the global anonymous default requires credentials', () => {
    expect(collect((emit) => compareOperationSecurity(side({}), side({ security: [{ bearer: [] }] }), emit))).toEqual([
      ['api-security-required', '/paths/~1a/get/security', '/paths/~1a/get/security', 'operation credentials now required (needs bearer)'],
    ]);
  });

  it('an operation falls back on the document’s security on the side without its own', () => {
    const before = side({ security: [{ bearer: [] }] });
    const after = side({}, { security: [{ bearer: [] }, { apiKey: [] }] });
    expect(collect((emit) => compareOperationSecurity(before, after, emit))).toEqual([
      ['api-security-added', '/paths/~1a/get/security', '/paths/~1a/get/security', 'operation security scheme apiKey accepted as an alternative'],
    ]);
  });

  it('an operation opened to anonymous calls (`security: []`) only drops schemes', () => {
    expect(collect((emit) => compareOperationSecurity(side({ security: [{ bearer: [] }] }), side({ security: [] }), emit))).toEqual([
      ['api-security-removed', '/paths/~1a/get/security', '/paths/~1a/get/security', 'operation security scheme bearer no longer needed'],
    ]);
  });
});

const servers = (before: Json, after: Json) => collect((emit) => compareServers(before, after, emit));

describe('compareServers', () => {
  it('a moved base path is reported with both paths', () => {
    expect(servers({ servers: [{ url: 'https://api.example.com/v1/' }] }, { servers: [{ url: 'https://api.example.com/v2' }] })).toEqual([
      ['api-server-base-path-changed', '/servers/0', '/servers/0', 'base path /v1 changed to /v2'],
    ]);
  });

  it('another host with the same path is a URL change', () => {
    expect(servers({ servers: [{ url: 'https://a.example.com/v1' }] }, { servers: [{ url: 'https://b.example.com/v1' }] })).toEqual([
      ['api-server-url-changed', '/servers/0', '/servers/0', 'server https://a.example.com/v1 changed to https://b.example.com/v1'],
    ]);
  });

  it('server variables take their defaults', () => {
    const templated = { servers: [{ url: 'https://{host}/{version}', variables: { host: { default: 'x.example.com' }, version: { default: 'v3' } } }] };
    expect(servers(templated, { servers: [{ url: 'https://x.example.com/v3' }] })).toEqual([]);
    expect(servers(templated, { servers: [{ url: 'https://x.example.com/v4' }] })[0]?.[3]).toBe('base path /v3 changed to /v4');
  });

  it('no servers is `/`, with no pointer on that side', () => {
    expect(servers({}, { servers: [{ url: '/api' }] })).toEqual([['api-server-base-path-changed', null, '/servers/0', 'base path / changed to /api']]);
    expect(servers({}, { servers: [{ url: '/' }] })).toEqual([]);
  });
});
