/** The method name an operation would like (operationId camelCased, else method + route) and its type prefix. */
import { expect, test } from 'vitest';
import { typeNameOf, wantedName } from '../../../../generator/model/operation.js';

test.each([
  [{ operationId: 'get_user-by.id' }, 'GET', '/users/{id}', 'getUserById'],
  [{}, 'GET', '/users/{id}', 'getUsersById'],
  [{ operationId: '' }, 'POST', '/users', 'postUsers'],
  [{ operationId: 7 }, 'DELETE', '/users/{id}/orders', 'deleteUsersByIdOrders'],
] as const)('%j %s %s → %s', (op, method, path, want) => expect(wantedName(op, method, path)).toBe(want));

test.each([
  ['getUser', 'GetUser'],
  ['x', 'X'],
  ['', ''],
])('typeNameOf(%j) → %j', (name, want) => expect(typeNameOf(name)).toBe(want));
