/**
 * Drift detection against real servers: `configure({ validate })` checks calls of generated clients
 * against their service's contract. `warn` reports to onContractViolation (default: logged once per
 * operation and pointer), `throw` fails the call with `contract_violation`, per service or globally;
 * `off` adds no step and loads no schema compiler.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { APIException, type ContractViolation, closeAll, configure, registerContracts, getService as runtimeService, type Settings } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getService } from '../fixtures/consumer/clients/index.js';
import { json, startServer, type TestServer } from '../helpers/server.js';

const ANN = { id: 'u-7', email: 'ann@example.com', name: 'Ann', roles: ['customer'], avatarUrl: null, createdAt: '2024-05-01T10:00:00Z' };
let server: TestServer;
/** What the server answers to GET /users/{id}. */
let answer: unknown = ANN;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.method === 'GET') return json(res, 200, answer);
    return json(res, 201, ANN);
  });
});
afterAll(() => server.close());
afterEach(async () => {
  answer = ANN;
  server.received.length = 0;
  vi.restoreAllMocks();
  await closeAll();
});

function setup(extra: Settings): ContractViolation[] {
  const seen: ContractViolation[] = [];
  configure({ serviceConnections: ['user', 'order'], services: { user: { url: server.url } }, onContractViolation: (v) => seen.push(v), ...extra });
  return seen;
}

const { email: _email, ...withoutEmail } = ANN;

describe('responses', () => {
  it('warn: a response lacking a required property calls onContractViolation and is returned', async () => {
    answer = withoutEmail;
    const seen = setup({ validate: { responses: 'warn' } });
    expect(await getService('user').getUser({ path: { userId: 'u-7' } })).toEqual(withoutEmail);
    expect(seen).toEqual([
      {
        service: 'user',
        operation: 'getUser',
        direction: 'response',
        status: 200,
        pointer: '/body/email',
        message: "/body/email must have required property 'email'",
      },
    ]);
  });

  it('throw: the call fails with contract_violation (502) carrying the violations', async () => {
    answer = withoutEmail;
    const seen = setup({ validate: { responses: 'throw' } });
    const error = await getService('user')
      .getUser({ path: { userId: 'u-7' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIException);
    expect((error as APIException).errorCode).toEqual({ name: 'contract_violation', value: 999670 });
    expect((error as APIException).statusCode).toBe(502);
    expect((error as APIException).body).toEqual(seen);
    expect(seen).toHaveLength(1);
  });

  it('a valid response passes in throw mode (3.1 null types included)', async () => {
    const seen = setup({ validate: { requests: 'throw', responses: 'throw' } });
    expect(await getService('user').getUser({ path: { userId: 'u-7' } })).toEqual(ANN);
    expect(seen).toEqual([]);
  });

  it('per service: the service setting wins over the global one', async () => {
    answer = withoutEmail;
    const seen: ContractViolation[] = [];
    configure({
      serviceConnections: ['user'],
      validate: { responses: 'throw' },
      services: { user: { url: server.url, validate: { responses: 'warn' } } },
      onContractViolation: (v) => seen.push(v),
    });
    expect(await getService('user').getUser({ path: { userId: 'u-7' } })).toEqual(withoutEmail);
    expect(seen.map((v) => v.pointer)).toEqual(['/body/email']);
  });

  it('the default hook logs each operation and pointer once', async () => {
    answer = withoutEmail;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    configure({ serviceConnections: ['user'], services: { user: { url: server.url } }, validate: { responses: 'warn' } });
    await getService('user').getUser({ path: { userId: 'u-7' } });
    await getService('user').getUser({ path: { userId: 'u-8' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("user.getUser response (200): /body/email must have required property 'email'");
  });
});

describe('formats (ajv-formats)', () => {
  it.each([
    ['createdAt', 'yesterday', 'date-time'],
    ['createdAt', '2024-02-30T10:00:00Z', 'date-time'],
    ['createdAt', '2024-05-01T10:00:00', 'date-time'],
    ['email', 'ann at example.com', 'email'],
  ])('a response whose %s is %j is a violation at /body/%s', async (field, value, format) => {
    answer = { ...ANN, [field]: value };
    const seen = setup({ validate: { responses: 'warn' } });
    await getService('user').getUser({ path: { userId: 'u-7' } });
    expect(seen.map((v) => [v.direction, v.status, v.pointer, v.message])).toEqual([
      ['response', 200, `/body/${field}`, `/body/${field} must match format "${format}"`],
    ]);
  });

  it('a format ajv-formats does not know is accepted, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const contract = {
      service: 'phonebook',
      components: { schemas: {} },
      operations: {
        ping: {
          operationId: 'ping',
          method: 'GET',
          path: '/ping',
          parameters: [],
          responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { phone: { type: 'string', format: 'phone' } } } } } } },
        },
      },
    } as const;
    registerContracts({ phonebook: async () => ({ contract }) });
    answer = { phone: 'not checked' };
    const seen: ContractViolation[] = [];
    configure({
      serviceConnections: ['phonebook'],
      services: { phonebook: { url: server.url } },
      validate: { responses: 'throw' },
      onContractViolation: (v) => seen.push(v),
    });
    expect(await runtimeService('phonebook').httpDispatch('GET', '/ping')).toEqual({ phone: 'not checked' });
    expect(seen).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('the checked body is the one returned', () => {
  it('a JSON body is parsed once: the check and the caller share it', async () => {
    const text = JSON.stringify(ANN);
    const parse = vi.spyOn(JSON, 'parse');
    setup({ validate: { responses: 'throw' } });
    expect(await getService('user').getUser({ path: { userId: 'u-7' } })).toEqual(ANN);
    expect(parse.mock.calls.filter(([arg]) => arg === text)).toHaveLength(1);
  });

  it('a response object answered twice (a per-attempt test double) is parsed afresh for each call', async () => {
    const canned = { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(ANN)) };
    const seen = setup({ validate: { responses: 'throw' }, steps: [{ per: 'attempt', step: () => async () => canned }] });
    const first = (await getService('user').getUser({ path: { userId: 'u-7' } })) as { name: string };
    first.name = 'changed by the first caller';
    expect(await getService('user').getUser({ path: { userId: 'u-7' } })).toEqual(ANN);
    expect(seen).toEqual([]);
  });
});

describe('requests', () => {
  it('throw: an invalid body is never sent', async () => {
    const seen = setup({ validate: { requests: 'throw' } });
    const error = await getService('user')
      .createUser({ body: { name: 'Ann' } as never })
      .catch((e: unknown) => e);
    expect((error as APIException).errorCode.name).toBe('contract_violation');
    expect((error as APIException).statusCode).toBe(400);
    expect(seen.map((v) => [v.direction, v.pointer])).toEqual([['request', '/body/email']]);
    expect(server.received).toHaveLength(0);
  });

  it('warn: the violation is reported and the request still sent', async () => {
    const seen = setup({ validate: { requests: 'warn' } });
    await getService('user').listUsers({ query: { per_page: 500 } });
    expect(seen.map((v) => [v.direction, v.pointer, v.status])).toEqual([['request', '/query/per_page', undefined]]);
    expect(server.received).toHaveLength(1);
  });
});

describe('off', () => {
  it('adds no step and loads no schema compiler; warn loads it', () => {
    const script = fileURLToPath(new URL('../fixtures/validation-loads.mjs', import.meta.url));
    const run = (mode: string) => {
      const child = spawnSync(process.execPath, [script, mode], { encoding: 'utf8', timeout: 20_000 });
      expect(child.stderr).toBe('');
      return JSON.parse(child.stdout) as { ajv: boolean; formats: boolean; contractLoaded: boolean };
    };
    expect(run('off')).toEqual({ ajv: false, formats: false, contractLoaded: false });
    expect(run('warn')).toEqual({ ajv: true, formats: true, contractLoaded: true });
  });
});
