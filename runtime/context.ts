/**
 * The incoming request's context (request id, end user, trace parent, deadline), kept in
 * AsyncLocalStorage so concurrent requests never see each other's values.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { expiredRequestBody, invalidUsage } from './failures.js';
import { currentSettings } from './settings.js';
import { shared } from './state.js';

/** The end user on whose behalf a request runs (Insanic's request user). */
export interface RequestUser {
  id: string;
  level: number;
  isAuthenticated: boolean;
}

export interface RequestContext {
  requestId?: string;
  user?: RequestUser;
  /** W3C trace context, passed through unchanged. */
  traceparent?: string;
  /** Absolute time (epoch ms) by which the whole request must be done. */
  deadline?: number;
}

/** Insanic's anonymous user, sent when the context has none. */
export const ANONYMOUS_USER: RequestUser = Object.freeze({ id: '', level: -1, isAuthenticated: false });

// Shared with other copies of the runtime in this process (state.ts): one context for both.
const storage = shared('context', () => new AsyncLocalStorage<RequestContext>());

/** Run `fn` with `context` as the current request context. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request context, if any. */
export function getContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Characters that would let the id rewrite another field of Insanic's `k=v;k=v` header. */
const UNSAFE_USER_ID = /[;=\r\n\0]|[^\x20-\xff]/;
const MAX_USER_ID_LENGTH = 256;

/**
 * Insanic's user header format: `id=<id>;level=<level>;is_authenticated=<1|0>`. The format can be
 * injected (an id of `7;level=100` would raise the level on the receiver), so such ids are refused.
 */
export function serializeUser(user: RequestUser): string {
  if (UNSAFE_USER_ID.test(user.id) || user.id.length > MAX_USER_ID_LENGTH || !Number.isInteger(user.level)) {
    throw invalidUsage('The context user cannot be sent: its id has ";", "=", control or non-Latin-1 characters, or is too long.');
  }
  return `id=${user.id};level=${user.level};is_authenticated=${user.isAuthenticated ? 1 : 0}`;
}

/** Parse Insanic's user header; undefined when absent or malformed. */
export function parseUser(header: string | undefined): RequestUser | undefined {
  if (!header) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const level = Number(fields.get('level'));
  if (!fields.has('id') || !Number.isFinite(level)) return undefined;
  return { id: fields.get('id') ?? '', level, isAuthenticated: fields.get('is_authenticated') === '1' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The context an incoming request carries in its headers (a fresh request id when it has none). */
export function contextFromHeaders(headers: IncomingHttpHeaders): RequestContext {
  const settings = currentSettings();
  const context: RequestContext = {
    requestId: single(headers[settings.requestIdHeaderField.toLowerCase()]) || randomUUID(),
  };
  const user = parseUser(single(headers[settings.internalRequestUserHeader.toLowerCase()]));
  if (user) context.user = user;
  const traceparent = single(headers.traceparent);
  if (traceparent) context.traceparent = traceparent;
  const left = single(headers[settings.deadlineHeader.toLowerCase()]);
  if (left !== undefined && /^\d+$/.test(left)) context.deadline = Date.now() + Number(left);
  return context;
}

/** Has the request's deadline passed (it arrived with no time left)? */
export function deadlineExpired(context: RequestContext | undefined = getContext()): boolean {
  return context?.deadline !== undefined && context.deadline <= Date.now();
}

interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** Answer 504 with an Insanic-shaped `service_timeout` body, without calling further. */
export function rejectExpired(res: ResponseLike): void {
  const body = expiredRequestBody();
  res.statusCode = 504;
  res.setHeader('content-type', 'application/json');
  res.end(body);
}

export interface ContextMiddlewareOptions {
  /** Answer requests that arrive with no time left with a 504 instead of running them. @default false */
  rejectExpired?: boolean;
}

/**
 * Express-style middleware (also usable in a plain node:http handler as
 * `contextMiddleware()(req, res, () => handle(req, res))`): the rest of the request runs inside
 * the context read from its headers.
 */
export function contextMiddleware(options: ContextMiddlewareOptions = {}) {
  return (req: { headers: IncomingHttpHeaders }, res: unknown, next: (err?: unknown) => void): void => {
    const context = contextFromHeaders(req.headers);
    if (options.rejectExpired && deadlineExpired(context)) return rejectExpired(res as ResponseLike);
    runWithContext(context, () => next());
  };
}

interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (req: { headers: IncomingHttpHeaders; raw: unknown }, reply: { raw: unknown; hijack(): void }, done: () => void) => void,
  ): unknown;
}

/**
 * Fastify plugin: `app.register(fastifyContextPlugin)`. Marked `skip-override` (what fastify-plugin
 * does) so the hook applies to every route, not only to an encapsulated child context.
 */
export const fastifyContextPlugin = Object.assign(
  (app: FastifyLike, opts: ContextMiddlewareOptions | undefined, done: () => void): void => {
    app.addHook('onRequest', (req, reply, hookDone) => {
      const context = contextFromHeaders(req.headers);
      if (opts?.rejectExpired && deadlineExpired(context)) {
        reply.hijack();
        return rejectExpired(reply.raw as ResponseLike);
      }
      runWithContext(context, hookDone);
    });
    done();
  },
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'svc-gen-context' },
);
