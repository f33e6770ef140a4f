/**
 * Naming: method names from messy operationIds and from routes, service keys and class names,
 * reserved words and invalid characters made safe.
 */
import { describe, expect, it } from 'vitest';
import { camelCase, IDENTIFIER, kebabCase, nameFromRoute, pascalCase, safeIdentifier } from '../../../../generator/model/names.js';

describe('camelCase (operationId → method name)', () => {
  const cases: [string, string][] = [
    ['list_users', 'listUsers'],
    ['Users.Get', 'usersGet'],
    ['post-payments', 'postPayments'],
    ['Check Update', 'checkUpdate'],
    ['post_oauth2_token#refresh', 'postOauth2TokenRefresh'],
    ['getHTTPResponse', 'getHttpResponse'],
    ['listUsers', 'listUsers'],
    ['ÜberFunktion', 'berFunktion'],
    ['***', ''],
  ];
  it.each(cases)('%j → %j', (raw, want) => expect(camelCase(raw)).toBe(want));
});

describe('nameFromRoute (no operationId)', () => {
  const cases: [string, string, string][] = [
    ['GET', '/users/{id}', 'getUsersById'],
    ['GET', '/users', 'getUsers'],
    ['POST', '/users/{userId}/orders/{order_id}', 'postUsersByUserIdOrdersByOrderId'],
    ['DELETE', '/', 'delete'],
    ['GET', '/v1.2/health-check', 'getV12HealthCheck'],
  ];
  it.each(cases)('%s %s → %s', (method, path, want) => expect(nameFromRoute(method, path)).toBe(want));
});

describe('service names', () => {
  const cases: [string, string, string][] = [
    ['user', 'user', 'User'],
    ['OrderHistory', 'order-history', 'OrderHistory'],
    ['order_history', 'order-history', 'OrderHistory'],
    ['Order History API', 'order-history-api', 'OrderHistoryApi'],
    ['3d-models', '3d-models', '3dModels'],
  ];
  it.each(cases)('%j → key %j, class stem %j', (raw, key, pascal) => {
    expect(kebabCase(raw)).toBe(key);
    expect(pascalCase(key)).toBe(pascal);
  });
});

describe('safeIdentifier', () => {
  const cases: [string, string][] = [
    ['delete', 'delete_'],
    ['constructor', 'constructor_'],
    ['default', 'default_'],
    ['2fa', '_2fa'],
    ['', 'fallback'],
    ['listUsers', 'listUsers'],
  ];
  it.each(cases)('%j → %j', (raw, want) => {
    expect(safeIdentifier(raw, 'fallback')).toBe(want);
    expect(IDENTIFIER.test(want)).toBe(true);
  });

  it('refuses anything that is not a plain identifier', () => {
    expect(() => safeIdentifier('a-b', 'x')).toThrow(/not a safe identifier/);
  });
});
