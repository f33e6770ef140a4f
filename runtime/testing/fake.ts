/**
 * The untyped engine of a fake: a real HTTP server on 127.0.0.1 that routes each request to an
 * operation of the service's contract, validates it, applies queued faults, and answers from the
 * handler (validated too) or the spec's example. The typed `createFake` of the generated
 * `<out>/testing.ts` calls this one with the service's contract.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pointService } from '../registry.js';
import { checkRequest, checkResponse, type Finding } from '../validate/check.js';
import type { ContractSchemas } from '../validate/compile.js';
import { compileContract } from '../validate/compile.js';
import type { Contract, ContractViolation } from '../validate/contract.js';
import { contractSchemas } from '../validate/contracts.js';
import { closestOperations, matchRoute, routesOf } from '../validate/route.js';
import { type Answer, exampleAnswer, fakeError, send } from './answer.js';
import { Faults } from './faults.js';
import type { Fake, FakeCall, FakeHandlers, FakeOptions, Fault } from './types.js';

async function schemasFor(service: string, given: FakeOptions['contract']): Promise<ContractSchemas> {
  if (given !== undefined && typeof given !== 'function') return compileContract(given);
  const loaded = contractSchemas(service, given);
  if (!loaded)
    throw new Error(`svc-gen/testing: no contract for service "${service}": import createFake from the generated testing.ts (or pass options.contract).`);
  return loaded;
}

/**
 * Starts a fake of `service` answering with `handlers` (keyed by operation name) and points the
 * registry at it until `close()`.
 */
export async function createFake<Name extends string = string>(service: string, handlers: FakeHandlers = {}, options: FakeOptions = {}): Promise<Fake<Name>> {
  const schemas = await schemasFor(service, options.contract);
  const contract: Contract = schemas.contract;
  for (const name of Object.keys(handlers)) {
    if (!Object.hasOwn(contract.operations, name)) {
      throw new Error(`svc-gen/testing: "${service}" has no operation "${name}" (operations: ${Object.keys(contract.operations).join(', ')}).`);
    }
  }
  const routes = routesOf(contract);
  const calls: FakeCall<Name>[] = [];
  const violations: ContractViolation[] = [];
  const faults = new Faults();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = matchRoute(routes, method, url.pathname);
    const record = (
      operation: string | undefined,
      parts: { path?: Record<string, unknown>; query?: Record<string, unknown>; headers: Record<string, string>; body: unknown },
    ): FakeCall<Name> => {
      const call: FakeCall<Name> = {
        operation: operation as Name | undefined,
        method,
        url: req.url ?? '/',
        path: parts.path ?? {},
        query: parts.query ?? {},
        headers: parts.headers,
        body: parts.body,
        status: undefined,
      };
      calls.push(call);
      return call;
    };
    const finish = (call: FakeCall<Name>, op: Parameters<typeof send>[1], answer: Answer, found: ContractViolation[]) => {
      call.status = answer.status;
      if (!res.destroyed) send(res, op, answer);
      options.onCall?.(call, found);
    };
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    if (!match) {
      const call = record(undefined, { headers, body: raw.length ? raw.toString('utf8') : undefined });
      const closest = closestOperations(routes, method, url.pathname);
      const message = `No operation of ${service} matches ${method} ${url.pathname}; closest: ${closest.join(', ')}`;
      const v: ContractViolation = { service, operation: `${method} ${url.pathname}`, direction: 'request', status: 404, pointer: '', message };
      violations.push(v);
      return finish(call, undefined, fakeError(404, 'unknown_route', message, { closest }), [v]);
    }
    const { name, op } = match;
    const { parsed, findings } = checkRequest(schemas, name, op, {
      path: match.path,
      query: url.searchParams,
      headers: req.headers,
      contentType: req.headers['content-type'],
      body: raw,
    });
    const call = record(name, parsed);
    if (findings.length > 0) {
      const found = toViolations(findings, name, 400);
      violations.push(...found);
      return finish(
        call,
        op,
        fakeError(400, 'contract_violation', `The request does not match ${service}.${name}: ${found.map((f) => f.message).join('; ')}`, { violations: found }),
        found,
      );
    }
    const outcome = faults.take(name);
    if (outcome && 'hang' in outcome) return; // never answered: close() destroys the socket
    if (outcome && 'reset' in outcome) {
      req.socket.destroy();
      return options.onCall?.(call, []);
    }
    if (outcome && 'delayMs' in outcome) await wait(outcome.delayMs);
    if (faults.latencyMs > 0) await wait(faults.latencyMs);
    if (outcome && 'status' in outcome) {
      const answer: Answer = {
        status: outcome.status,
        body: outcome.body ?? { error: 'fault', message: `Injected fault: ${outcome.status}` },
        headers: outcome.headers ?? {},
      };
      return finish(call, undefined, answer, []);
    }
    const handler = handlers[name];
    let answer: Answer | undefined;
    if (handler) {
      try {
        answer = (await handler(parsed as never)) as Answer;
      } catch (error) {
        return finish(call, undefined, fakeError(500, 'handler_error', `The handler of ${name} threw: ${(error as Error)?.message ?? String(error)}`), []);
      }
    } else {
      answer = exampleAnswer(op);
      if (!answer) {
        return finish(
          call,
          undefined,
          fakeError(
            501,
            'not_implemented',
            `${service}.${name} has no handler and its spec no example: pass one, createFake('${service}', { ${name}: (request) => ({ status, body }) }).`,
          ),
          [],
        );
      }
    }
    const body = answer.body instanceof Uint8Array || typeof answer.body === 'string' ? undefined : answer.body;
    const contentType = Object.entries(answer.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    const found = toViolations(checkResponse(schemas, name, op, answer.status, contentType, body), name, answer.status);
    violations.push(...found);
    return finish(call, op, answer, found);
  }

  const toViolations = (findings: readonly Finding[], operation: string, status: number): ContractViolation[] =>
    findings.map((f) => ({ service, operation, status, ...f }));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) send(res, undefined, fakeError(500, 'fake_error', String((error as Error)?.stack ?? error)));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const unpoint = options.point === false ? () => Promise.resolve() : pointService(service, url);
  let closing: Promise<void> | undefined;

  return {
    service,
    url,
    calls,
    violations,
    fail(fault: Fault, opts = {}) {
      faults.add(fault, opts.times ?? 1, opts.operation);
    },
    queue(...outcomes) {
      faults.sequence(outcomes);
    },
    latency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`svc-gen/testing: latency must be >= 0 ms (got ${ms})`);
      faults.latencyMs = ms;
    },
    reset() {
      calls.length = 0;
      violations.length = 0;
      faults.clear();
    },
    close() {
      closing ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await Promise.all([closed, unpoint()]);
      })();
      return closing;
    },
  };
}
