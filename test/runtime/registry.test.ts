/**
 * The registry: configure() replaces the whole configuration, getService() gives one instance
 * per declared name, base URLs come from the global template, `services[name].url` or
 * `SVC_GEN_<NAME>_URL` (read when configure() runs), and real calls go where the URL says.
 */

import { closeAll, configure, getService, knownServices, Service, type Settings, urlEnvName } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { json, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res, r) => json(res, 200, { url: r.url, host: r.headers.host }));
});
afterEach(async () => {
  await closeAll();
  server.received.length = 0;
});
afterAll(async () => {
  await server.close();
});

/** Set environment variables for one test; restored in afterEach. */
const savedEnv = new Map<string, string | undefined>();
function setEnv(name: string, value: string | undefined): void {
  if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  savedEnv.clear();
});

describe('getService', () => {
  test('returns one instance per name, a new one after configure()', () => {
    configure({ serviceConnections: ['user', 'order'] });
    const user = getService('user');
    expect(user).toBeInstanceOf(Service);
    expect(user.name).toBe('user');
    expect(getService('user')).toBe(user);
    expect(getService('order')).not.toBe(user);
    expect(getService('order')).toBe(getService('order'));
    configure({ serviceConnections: ['user', 'order'] });
    const again = getService('user');
    expect(again).not.toBe(user);
    expect(getService('user')).toBe(again);
  });

  test('accepts names from requiredServiceConnections too; knownServices() is both lists, sorted, once each', () => {
    configure({ serviceConnections: ['user', 'billing'], requiredServiceConnections: ['auth', 'user'] });
    expect(knownServices()).toEqual(['auth', 'billing', 'user']);
    expect(getService('auth').name).toBe('auth');
    expect(getService('billing').name).toBe('billing');
  });

  test('an undeclared name throws an Error naming it and listing the known services', () => {
    configure({ serviceConnections: ['user', 'order'], requiredServiceConnections: ['auth'], services: { ghost: { url: server.url } } });
    let error: unknown;
    try {
      getService('ghost');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('"ghost"');
    for (const known of ['"auth"', '"order"', '"user"']) expect(message).toContain(known);
  });

  test('with nothing declared, every name is unknown', () => {
    configure({});
    expect(knownServices()).toEqual([]);
    expect(() => getService('user')).toThrow(/"user"/);
  });

  test('configure() forgets services the new configuration does not declare', () => {
    configure({ serviceConnections: ['old'] });
    expect(getService('old').name).toBe('old');
    configure({ serviceConnections: ['new'] });
    expect(() => getService('old')).toThrow(/"old"[\s\S]*"new"/);
  });
});

describe('base URL', () => {
  test.each<[string, Settings, string]>([
    ['defaults', {}, 'http://user:8000'],
    ['{service} template', { serviceGlobalHostTemplate: '{service}.svc.cluster.local' }, 'http://user.svc.cluster.local:8000'],
    ['{} template', { serviceGlobalHostTemplate: 'mmt-server-{}' }, 'http://mmt-server-user:8000'],
    ['template used twice', { serviceGlobalHostTemplate: '{}.{service}.internal' }, 'http://user.user.internal:8000'],
    ['fixed host', { serviceGlobalHostTemplate: '10.0.0.5' }, 'http://10.0.0.5:8000'],
    ['schema and port', { serviceGlobalSchema: 'https', serviceGlobalPort: 8443 }, 'https://user:8443'],
    ['services[name].url', { serviceGlobalPort: 9999, services: { user: { url: 'http://10.1.2.3:7000/api' } } }, 'http://10.1.2.3:7000/api'],
  ])('%s', (_name, settings, baseUrl) => {
    configure({ serviceConnections: ['user'], ...settings });
    expect(getService('user').baseUrl).toBe(baseUrl);
  });

  test('a call goes to schema://template(name):port', async () => {
    configure({ serviceConnections: ['user'], serviceGlobalHostTemplate: '127.0.0.1', serviceGlobalPort: server.port });
    expect(getService('user').baseUrl).toBe(`http://127.0.0.1:${server.port}`);
    expect(await getService('user').httpDispatch('GET', '/users/1')).toEqual({ url: '/users/1', host: `127.0.0.1:${server.port}` });
  });

  test.each([
    ['a prefix', '/api/v1', '/users', '/api/v1/users'],
    ['a prefix with a trailing slash', '/api/v1/', '/users', '/api/v1/users'],
    ['a prefix, endpoint without a leading slash', '/api', 'users?x=1', '/api/users?x=1'],
    ['no prefix', '', '/users', '/users'],
  ])('a url with %s: endpoints are appended to it', async (_name, prefix, endpoint, path) => {
    configure({ serviceConnections: ['user'], services: { user: { url: `${server.url}${prefix}` } } });
    expect(await getService('user').httpDispatch('GET', endpoint)).toEqual({ url: path, host: `127.0.0.1:${server.port}` });
  });
});

describe('environment overrides', () => {
  test('urlEnvName upper-cases and turns "-" into "_"', () => {
    expect(urlEnvName('order-history')).toBe('SVC_GEN_ORDER_HISTORY_URL');
    expect(urlEnvName('user')).toBe('SVC_GEN_USER_URL');
  });

  test('SVC_GEN_<NAME>_URL beats services[name].url and the template, and real calls follow it', async () => {
    setEnv('SVC_GEN_ORDER_HISTORY_URL', `${server.url}/from-env`);
    configure({ serviceConnections: ['order-history'], services: { 'order-history': { url: 'http://10.9.9.9:1/from-settings' } } });
    expect(getService('order-history').baseUrl).toBe(`${server.url}/from-env`);
    expect(await getService('order-history').httpDispatch('GET', '/orders')).toEqual({ url: '/from-env/orders', host: `127.0.0.1:${server.port}` });
  });

  test('applies to a service only named in requiredServiceConnections, without a services entry', () => {
    setEnv('SVC_GEN_AUTH_URL', 'http://auth.example:81');
    configure({ requiredServiceConnections: ['auth'] });
    expect(getService('auth').baseUrl).toBe('http://auth.example:81');
  });

  test('is read when configure() runs, not later', () => {
    setEnv('SVC_GEN_USER_URL', undefined);
    configure({ serviceConnections: ['user'] });
    setEnv('SVC_GEN_USER_URL', 'http://late.example:1');
    expect(getService('user').baseUrl).toBe('http://user:8000');
    configure({ serviceConnections: ['user'] });
    expect(getService('user').baseUrl).toBe('http://late.example:1');
    setEnv('SVC_GEN_USER_URL', undefined);
    configure({ serviceConnections: ['user'], services: { user: { url: 'http://settings.example:2' } } });
    expect(getService('user').baseUrl).toBe('http://settings.example:2');
  });
});

describe('configure() replaces everything', () => {
  test('settings of an earlier configure() do not leak into the next one', async () => {
    configure({
      serviceName: 'first',
      serviceConnections: ['user'],
      serviceGlobalSchema: 'https',
      serviceGlobalHostTemplate: 'first-{}',
      serviceGlobalPort: 1234,
      requestIdHeaderField: 'x-first-id',
      serviceTokenKey: 'first-key',
    });
    expect(getService('user').baseUrl).toBe('https://first-user:1234');
    configure({ serviceConnections: ['user'], services: { user: { url: server.url } } });
    await getService('user').httpDispatch('GET', '/a');
    // host, connection, date and deadline propagation's time left are not settings of this test
    const { host, connection, date, 'x-svc-deadline-ms': timeLeft, ...rest } = server.received[0]?.headers ?? {};
    expect(rest).toEqual({
      'x-insanic-request-id': expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      'x-insanic-request-user': 'id=;level=-1;is_authenticated=0',
      // the default serviceName is '' and the earlier key is gone: no authorization header
      'x-insanic-request-service': '',
      'accept-encoding': 'gzip, deflate, br', // the transport's default
    });
    configure({ serviceConnections: ['user'] });
    expect(getService('user').baseUrl).toBe('http://user:8000');
  });

  test('calls still work after closeAll(), on a fresh instance', async () => {
    configure({ serviceConnections: ['user'], services: { user: { url: server.url } } });
    const before = getService('user');
    expect(await before.httpDispatch('GET', '/one')).toEqual({ url: '/one', host: `127.0.0.1:${server.port}` });
    await closeAll();
    const after = getService('user');
    expect(after).not.toBe(before);
    expect(await after.httpDispatch('GET', '/two')).toEqual({ url: '/two', host: `127.0.0.1:${server.port}` });
  });
});

describe('settings that end up in headers are checked by configure()', () => {
  test.each([
    ['requestIdHeaderField', 'x id'],
    ['internalRequestUserHeader', 'x-user\r\n'],
    ['internalRequestServiceHeader', ''],
    ['deadlineHeader', 'x:deadline'],
  ])('%s = %j is not a header name', (key, value) => {
    expect(() => configure({ [key]: value })).toThrow(new TypeError(`svc-gen: setting ${key} (${JSON.stringify(value)}) is not a valid header name.`));
  });
  test.each([['serviceName'], ['jwtServiceAuthHeaderPrefix']])('%s with CR/LF/NUL', (key) => {
    expect(() => configure({ [key]: 'a\r\nx-admin: 1' })).toThrow(`svc-gen: setting ${key} contains CR, LF or NUL.`);
    expect(() => configure({ [key]: 'a\0' })).toThrow(TypeError);
  });
});
