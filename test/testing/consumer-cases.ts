/**
 * A consumer's test suite, written as a user of svc-gen would: a checkout service that calls the
 * user and order services, tested against typed fakes of the repo's specs (generated into
 * test/fixtures/consumer/clients). Assertions use node:assert, so the same cases run under vitest
 * (consumer.test.ts) and node:test (consumer-node.test.ts): no framework lock-in.
 */
import assert from 'node:assert/strict';
import { APIException, closeAll, configure, getService as runtimeService, runWithContext } from 'svc-gen/runtime';
import { getService } from '../fixtures/consumer/clients/index.js';
import { createFake } from '../fixtures/consumer/clients/testing.js';

const ANN = { id: 'u-7', email: 'ann@example.com', name: 'Ann', roles: ['customer' as const], avatarUrl: null, createdAt: '2024-05-01T10:00:00Z' };

/** The code under test: the checkout service's greeting for a user. */
async function greeting(userId: string, responseTimeout = 10_000): Promise<string> {
  const user = await getService('user').getUser({ path: { userId } }, { responseTimeout });
  return `Hello, ${user.name}`;
}

function setup(): void {
  configure({ serviceName: 'checkout', serviceConnections: ['user', 'order'], retryBackoffBaseMs: 1, retryBackoffMaxMs: 5 });
}

/** Runs `fn` with a fresh configuration and closes every pool afterwards. */
async function scoped(fn: () => Promise<void>): Promise<void> {
  setup();
  try {
    await fn();
  } finally {
    await closeAll();
  }
}

/** Compile-time checks only (never called): each line must fail to compile. */
export function wrongShapesDoNotCompile(): void {
  void createFake('user', {
    // @ts-expect-error getUser declares 200 and 404, not 201
    getUser: () => ({ status: 201, body: ANN }),
  });
  void createFake('user', {
    // @ts-expect-error id is a string in the spec
    getUser: () => ({ status: 200, body: { ...ANN, id: 7 } }),
  });
  void createFake('user', {
    // @ts-expect-error the path parameter is userId, not id
    getUser: ({ path }) => ({ status: 200, body: { ...ANN, id: path.id } }),
  });
  // @ts-expect-error no such operation
  void createFake('user', { getUsr: () => ({ status: 200, body: ANN }) });
  // @ts-expect-error no such service
  void createFake('inventory', {});
}

/** The cases, by name. */
export const cases: Record<string, () => Promise<void>> = {
  'typed handlers receive typed parts and answer the consumer': () =>
    scoped(async () => {
      const fake = await createFake('user', { getUser: ({ path }) => ({ status: 200, body: { ...ANN, id: path.userId } }) });
      try {
        assert.equal(await greeting('u-9'), 'Hello, Ann');
        assert.equal(fake.calls.length, 1);
        assert.equal(fake.calls[0]?.operation, 'getUser');
        assert.deepEqual(fake.calls[0]?.path, { userId: 'u-9' });
        assert.deepEqual(fake.violations, []);
      } finally {
        await fake.close();
      }
    }),

  'a wrong request body is refused with 400 and recorded as a violation': () =>
    scoped(async () => {
      const fake = await createFake('user', { createUser: ({ body }) => ({ status: 201, body: { ...ANN, ...body, roles: [] } }) });
      try {
        const error = await getService('user')
          .createUser({ body: { name: 'Ann' } as never })
          .catch((e: unknown) => e);
        assert.ok(error instanceof APIException);
        assert.equal(error.statusCode, 400);
        assert.equal(fake.violations.length, 1);
        assert.deepEqual(
          { ...fake.violations[0], message: undefined },
          { service: 'user', operation: 'createUser', direction: 'request', status: 400, pointer: '/body/email', message: undefined },
        );
      } finally {
        await fake.close();
      }
    }),

  'a handler body missing a required field is recorded as a violation': () =>
    scoped(async () => {
      const { email: _email, ...withoutEmail } = ANN;
      const fake = await createFake('user', { getUser: () => ({ status: 200, body: withoutEmail as typeof ANN }) });
      try {
        assert.equal(await greeting('u-7'), 'Hello, Ann');
        assert.equal(fake.violations.length, 1);
        assert.equal(fake.violations[0]?.direction, 'response');
        assert.equal(fake.violations[0]?.status, 200);
        assert.equal(fake.violations[0]?.pointer, '/body/email');
        assert.match(fake.violations[0]?.message ?? '', /email/);
      } finally {
        await fake.close();
      }
    }),

  'retries are seen through a queued 503, 503, 200': () =>
    scoped(async () => {
      const fake = await createFake('user', { getUser: () => ({ status: 200, body: ANN }) });
      try {
        fake.queue(503, 503, 200);
        assert.equal(await greeting('u-7'), 'Hello, Ann');
        assert.deepEqual(
          fake.calls.map((c) => c.status),
          [503, 503, 200],
        );
      } finally {
        await fake.close();
      }
    }),

  "a hang ends at the caller's timeout": () =>
    scoped(async () => {
      const fake = await createFake('user', { getUser: () => ({ status: 200, body: ANN }) });
      try {
        fake.fail({ hang: true }, { times: 3 });
        const error = await greeting('u-7', 300).catch((e: unknown) => e);
        assert.ok(error instanceof APIException);
        assert.equal(error.errorCode.name, 'service_timeout');
        assert.ok(fake.calls.length >= 1);
        assert.equal(fake.calls[0]?.status, undefined);
      } finally {
        await fake.close();
      }
    }),

  'fake.calls shows the headers the runtime injected': () =>
    scoped(async () => {
      const fake = await createFake('user', { getUser: () => ({ status: 200, body: ANN }) });
      try {
        const user = { id: 'u-1', level: 100, isAuthenticated: true };
        await runWithContext({ requestId: 'req-42', user }, () => greeting('u-7'));
        const headers = fake.calls[0]?.headers ?? {};
        assert.equal(headers['x-insanic-request-id'], 'req-42');
        assert.equal(headers['x-insanic-request-user'], 'id=u-1;level=100;is_authenticated=1');
        assert.equal(headers['x-insanic-request-service'], 'checkout');
      } finally {
        await fake.close();
      }
    }),

  'operations without a handler answer from the spec example, else 501': () =>
    scoped(async () => {
      const fake = await createFake('order');
      try {
        const order = await getService('order').getOrder({ path: { orderId: 42 }, headers: { 'X-Tenant-Id': 't-1' } });
        assert.equal(order.id, 42);
        assert.equal(order.note, null);
        const error = await getService('order')
          .listOrders({ headers: { 'X-Tenant-Id': 't-1' } })
          .catch((e: unknown) => e);
        assert.ok(error instanceof APIException);
        assert.equal(error.statusCode, 501);
        assert.match(error.description, /listOrders has no handler/);
        assert.deepEqual(fake.violations, []);
      } finally {
        await fake.close();
      }
    }),

  'close() restores the registry': () =>
    scoped(async () => {
      const fake = await createFake('user', { getUser: () => ({ status: 200, body: ANN }) });
      assert.equal(runtimeService('user').baseUrl, fake.url);
      await fake.close();
      assert.equal(runtimeService('user').baseUrl, 'http://user:8000');
    }),
};
