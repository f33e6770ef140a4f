/** Finding an operation from method and path: literal segments first, decoded parameters, closest names. */
import { describe, expect, test } from 'vitest';
import type { Contract, ContractOperation } from '../../../../runtime/validate/contract.js';
import { closestOperations, matchRoute, routesOf } from '../../../../runtime/validate/route.js';

const op = (method: string, path: string): ContractOperation => ({ operationId: path, method, path, parameters: [], responses: {} });
const contract: Contract = {
  service: 'user',
  components: { schemas: {} },
  operations: {
    getUser: op('GET', '/users/{id}'),
    getMe: op('GET', '/users/me'),
    deleteUser: op('DELETE', '/users/{id}'),
    getFile: op('GET', '/files/{dir}/{name}.json'),
    listUsers: op('GET', '/users'),
  },
};
const routes = routesOf(contract);

describe('routesOf', () => {
  test('more literal characters first; parameter names in order', () => {
    expect(routes.map((r) => r.name)).toEqual(['getFile', 'getMe', 'getUser', 'deleteUser', 'listUsers']);
    expect(routes.find((r) => r.name === 'getFile')?.names).toEqual(['dir', 'name']);
  });
});

describe('matchRoute', () => {
  test.each([
    ['GET', '/users/me', 'getMe', {}],
    ['GET', '/users/42', 'getUser', { id: '42' }],
    ['GET', '/users/a%20b', 'getUser', { id: 'a b' }],
    ['GET', '/users/%E0%A4%A', 'getUser', { id: '%E0%A4%A' }],
    ['DELETE', '/users/7/', 'deleteUser', { id: '7' }],
    ['GET', '/api/v1/users', 'listUsers', {}],
    ['GET', '/files/docs/a.b.json', 'getFile', { dir: 'docs', name: 'a.b' }],
  ])('%s %s → %s %j', (method, path, name, params) => {
    const m = matchRoute(routes, method, path);
    expect(m?.name).toBe(name);
    expect(m?.path).toEqual(params);
  });

  test.each([
    ['POST', '/users'],
    ['GET', '/users/1/2'],
    ['GET', '/files/docs/aXjson'],
    ['GET', '/users/me/extra'],
  ])('%s %s matches nothing', (method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });
});

describe('closestOperations', () => {
  test('up to three, nearest first by edit distance', () => {
    // "POST /users/1" is 5 edits from "GET /users/x", 6 from "GET /users/me" and "GET /users" (a tie: by label).
    expect(closestOperations(routes, 'POST', '/users/1')).toEqual(['getUser (GET /users/{id})', 'getMe (GET /users/me)', 'listUsers (GET /users)']);
    expect(closestOperations(routes, 'DELETE', '/users/1')[0]).toBe('deleteUser (DELETE /users/{id})');
    expect(closestOperations(routes, 'GET', '/files/x/y.json')[0]).toBe('getFile (GET /files/{dir}/{name}.json)');
  });
});
