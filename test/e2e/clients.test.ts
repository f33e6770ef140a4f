/**
 * End to end: clients generated from the repo's specs call real servers on 127.0.0.1 implementing
 * them. Typed methods send path/query/header/body/multipart/form correctly, decode JSON, text,
 * bytes and 204, and `propagateError` / `includeStatusCode` behave as the runtime's.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIException, closeAll, configure } from 'svc-gen/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup } from '../generator/helpers/fs.js';
import { REPO_SPECS } from '../generator/helpers/specs.js';
import type { TestServer } from '../helpers/server.js';
import { errorBody, formOf, notificationServer, ORDER, orderServer, PNG, paymentServer, USER, userServer } from './servers.js';

type Method = (params?: unknown, options?: unknown) => Promise<unknown>;
type Clients = { getService: (name: string) => Record<string, Method> };

const OUT = fileURLToPath(new URL(`./out/clients-${process.pid}/`, import.meta.url));
const state = { failNext: 0 };
let servers: Record<'user' | 'order' | 'payment' | 'notification', TestServer>;
let clients: Clients;

beforeAll(async () => {
  await generate({ inputs: [REPO_SPECS], out: OUT });
  clients = (await import(path.join(OUT, 'index.ts'))) as Clients;
  servers = { user: await userServer(state), order: await orderServer(), payment: await paymentServer(), notification: await notificationServer() };
});
afterAll(async () => {
  await closeAll();
  await Promise.all(Object.values(servers).map((s) => s.close()));
  cleanup(OUT);
});
beforeEach(() => {
  state.failNext = 0;
  for (const s of Object.values(servers)) s.received.length = 0;
  configure({
    serviceName: 'e2e',
    serviceConnections: ['user', 'order', 'payment', 'notification'],
    retryBackoffBaseMs: 1,
    retryBackoffMaxMs: 5,
    services: Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, { url: s.url }])),
  });
});

const user = () => clients.getService('user');
const last = (name: keyof typeof servers) => servers[name].received.at(-1)!;

describe('requests', () => {
  it('query (arrays repeated) and headers', async () => {
    const page = await user().listUsers!({ query: { search: 'ann', page: 2, role: ['staff', 'admin'] }, headers: { 'X-Request-Id': 'r-1' } });
    expect(page).toEqual({ items: [USER], page: 2, perPage: 20, total: 1, nextPage: null });
    expect(last('user').url).toBe('/users?search=ann&page=2&role=staff&role=admin');
    expect(last('user').headers['x-request-id']).toBe('r-1');
  });

  it('path parameters, percent-encoded', async () => {
    expect(await user().getUser!({ path: { userId: 'a b/c' } })).toEqual({ ...USER, id: 'a b/c' });
    expect(last('user').url).toBe('/users/a%20b%2Fc');
  });

  it('JSON body', async () => {
    const created = await user().createUser!({ body: { email: 'bo@example.com', name: 'Bo' } });
    expect(created).toMatchObject({ email: 'bo@example.com', name: 'Bo' });
    expect(last('user').headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(last('user').body.toString())).toEqual({ email: 'bo@example.com', name: 'Bo' });
  });

  it('multipart: body fields beside a file', async () => {
    const result = await user().uploadAvatar!({
      path: { userId: 'u1' },
      body: { caption: 'me' },
      files: { file: { data: PNG, filename: 'me.png', contentType: 'image/png' } },
    });
    expect(result).toEqual({ url: '/avatars/u1/me.png?caption=me', size: PNG.byteLength });
    expect(last('user').headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const file = (await formOf(last('user'))).get('file') as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it('multipart from a converted Swagger 2.0 formData operation', async () => {
    const result = await clients.getService('notification').attachFile!({
      path: { id: 'n1' },
      body: { label: 'l1' },
      files: { file: { data: 'hello', filename: 'a.txt' } },
    });
    expect(result).toEqual({ id: 'l1', filename: 'a.txt', size: 5 });
  });

  it('x-www-form-urlencoded body', async () => {
    const refund = await clients.getService('payment').postPaymentsRefundPartial!({ path: { paymentId: 'p1' }, body: { amount: 500, reason: 'dup' } });
    expect(refund).toEqual({ id: 'r1', paymentId: 'p1', amount: 500, reason: 'dup' });
    expect(last('payment').headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last('payment').body.toString()).toBe('amount=500&reason=dup');
  });

  it('required header and JSON body across a multi-file spec', async () => {
    const order = clients.getService('order');
    expect(await order.listOrders!({ headers: { 'X-Tenant-Id': 't1' }, query: { status: 'paid', limit: 5 } })).toEqual({ items: [ORDER], nextCursor: null });
    expect(last('order').url).toBe('/orders?status=paid&limit=5');
    const created = await order.createOrder!({ headers: { 'X-Tenant-Id': 't1', 'Idempotency-Key': 'k1' }, body: { userId: 'u1', items: ORDER.items } });
    expect(created).toMatchObject({ id: 8, userId: 'u1' });
    expect(last('order').headers['idempotency-key']).toBe('k1');
  });
});

describe('responses', () => {
  /** [name, call, expected data] */
  const cases: [string, () => Promise<unknown>, unknown][] = [
    ['204 → null', () => user().deleteUser!({ path: { userId: 'u1' } }), null],
    ['binary → Uint8Array', () => user().getAvatar!({ path: { userId: 'u1' } }), PNG],
    [
      'text/plain → string',
      () => clients.getService('order').getOrderReceipt!({ path: { orderId: 7 }, headers: { 'X-Tenant-Id': 't1' } }),
      'Receipt #7\nTotal: 9.00 EUR\n',
    ],
    ['text without params → string', () => clients.getService('payment').getHealth!(), 'ok'],
    [
      'Swagger 2.0 JSON array, boolean query',
      () => clients.getService('notification').listNotifications!({ query: { userId: 'u1', unreadOnly: true } }),
      [{ id: 'n1', userId: 'u1', channel: 'email', message: 'hi', read: false }],
    ],
    ['Swagger 2.0 204 → null', () => clients.getService('notification').markRead!({ path: { id: 'n1' } }), null],
    ['deprecated operation still works', () => user().findUserByEmail!({ query: { email: 'ann@example.com' } }), USER],
  ];
  it.each(cases)('%s', async (_name, call, expected) => {
    expect(await call()).toEqual(expected);
  });
});

describe('propagateError and includeStatusCode', () => {
  const notFound = errorBody(404, 'user_not_found', 'No such user');

  it('typed methods throw APIException (with the typed error body) on >= 400 by default', async () => {
    const error = await user().getUser!({ path: { userId: 'missing' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toMatchObject({ statusCode: 404, errorCode: { name: 'user_not_found' }, body: notFound });
  });

  /** [options, expected result of a 404] */
  const cases: [object, unknown][] = [
    [{ propagateError: false }, notFound],
    [{ propagateError: false, includeStatusCode: true }, [notFound, 404]],
  ];
  it.each(cases)('a 404 with %j returns %j', async (options, expected) => {
    expect(await user().getUser!({ path: { userId: 'missing' } }, options)).toEqual(expected);
  });

  it('includeStatusCode: true on success returns [data, status]', async () => {
    expect(await user().createUser!({ body: { email: 'c@example.com', name: 'C' } }, { includeStatusCode: true })).toEqual([
      expect.objectContaining({ name: 'C' }),
      201,
    ]);
  });

  it('includeStatusCode with propagateError still throws on >= 400', async () => {
    await expect(user().getUser!({ path: { userId: 'missing' } }, { includeStatusCode: true })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a typed error body other than the runtime shape still arrives on the exception', async () => {
    const error = await clients.getService('payment').postPayments!({
      headers: { 'Idempotency-Key': 'k' },
      body: { orderId: 1, amount: 1, currency: 'EUR', method: { type: 'card', token: 't' } },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 402, body: { declineCode: 'insufficient_funds', error_code: { name: 'card_declined' } } });
  });
});

describe('retries and the registry', () => {
  it('an x-idempotent PATCH is retried like GET', async () => {
    state.failNext = 1;
    expect(await user().updateUser!({ path: { userId: 'u1' }, body: { name: 'Ann B' } })).toMatchObject({ name: 'Ann B' });
    expect(servers.user.received).toHaveLength(2);
  });

  it('a plain POST is not', async () => {
    state.failNext = 1;
    await expect(user().createUser!({ body: { email: 'd@example.com', name: 'D' } })).rejects.toMatchObject({ statusCode: 503 });
    expect(servers.user.received).toHaveLength(1);
  });

  it('options reach the runtime: headers and retryCount', async () => {
    state.failNext = 1;
    await expect(user().listUsers!(undefined, { retryCount: 0, headers: { 'x-extra': '1' } })).rejects.toMatchObject({ statusCode: 503 });
    expect(servers.user.received).toHaveLength(1);
    expect(last('user').headers['x-extra']).toBe('1');
  });

  it("getService applies the runtime's registry rule: undeclared services throw", () => {
    configure({ serviceConnections: ['user'] });
    expect(() => clients.getService('payment')).toThrow(/Unknown service "payment"/);
    expect(() => clients.getService('user')).not.toThrow();
  });

  it('looks the runtime service up per call, so configure() takes effect on an existing client', async () => {
    const client = user();
    configure({ serviceConnections: ['user'], services: { user: { url: servers.order.url } } });
    await expect(client.getUser!({ path: { userId: 'u1' } })).rejects.toMatchObject({ statusCode: 400 }); // the order server answered
  });
});
