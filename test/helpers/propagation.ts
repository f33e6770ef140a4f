/**
 * The context-propagation scenario shared by the node:http, Express and Fastify tests:
 * N callers, each with its own request id, user and trace parent, call an intermediate
 * service; after a random pause the intermediate calls the `down` service. Each incoming call
 * also names its caller index in `x-test-caller` (outside the context) and the intermediate
 * forwards that index in the downstream query, so every downstream request can be matched to
 * the call that caused it without trusting the headers under test.
 */
import { randomBytes } from 'node:crypto';
import { getContext, getService, type RequestContext, type RequestUser } from 'svc-gen/runtime';
import type { Received } from './server.js';

export interface CallerContext {
  caller: string;
  requestId: string;
  user: RequestUser;
  traceparent: string;
}

/** What a downstream request carried, or what the intermediate saw. */
export interface Propagated {
  requestId: string | undefined;
  user: string | undefined;
  traceparent: string | undefined;
}

export const CALLER_HEADER = 'x-test-caller';

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `n` callers with distinct request ids, users (levels -1..5, both authentication states) and trace parents. */
export function distinctContexts(n: number): CallerContext[] {
  return Array.from({ length: n }, (_, i) => ({
    caller: String(i),
    requestId: `req-${i}-${randomBytes(6).toString('hex')}`,
    user: { id: `user-${i}`, level: (i % 7) - 1, isAuthenticated: i % 2 === 0 },
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
  }));
}

export function userHeader(user: RequestUser): string {
  return `id=${user.id};level=${user.level};is_authenticated=${user.isAuthenticated ? 1 : 0}`;
}

/** The headers a caller sends to the intermediate (default header names). */
export function incomingHeaders(ctx: CallerContext): Record<string, string> {
  return {
    'x-insanic-request-id': ctx.requestId,
    'x-insanic-request-user': userHeader(ctx.user),
    traceparent: ctx.traceparent,
    [CALLER_HEADER]: ctx.caller,
  };
}

export interface RelayResult {
  /** The intermediate's context after its pause. */
  seen: RequestContext | null;
  down: unknown;
}

/** The intermediate's work: a random pause of 0-9 ms, then `GET /x?caller=…` on `down`. */
export async function relay(caller: string): Promise<RelayResult> {
  await delay(Math.floor(Math.random() * 10));
  const seen = getContext() ?? null;
  const down = await getService('down').httpDispatch('GET', '/x', { queryParams: { caller } });
  return { seen, down };
}

/** Call the intermediate once per context, all at once; the results keyed by caller. */
export async function callAll(url: string, contexts: CallerContext[], init: { method?: string; body?: string } = {}): Promise<Record<string, RelayResult>> {
  const results = await Promise.all(
    contexts.map(async (ctx) => {
      const headers = incomingHeaders(ctx);
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url, { method: init.method ?? 'GET', headers, ...(init.body !== undefined && { body: init.body }) });
      if (response.status !== 200) throw new Error(`caller ${ctx.caller}: HTTP ${response.status} ${await response.text()}`);
      return [ctx.caller, (await response.json()) as RelayResult] as const;
    }),
  );
  return Object.fromEntries(results);
}

/** What each downstream request carried, keyed by the caller index in its query. */
export function downstreamByCaller(received: Received[]): Record<string, Propagated> {
  const out: Record<string, Propagated> = {};
  for (const r of received) {
    const caller = new URL(r.url, 'http://x').searchParams.get('caller');
    if (caller === null || caller in out) throw new Error(`unexpected downstream request ${r.url}`);
    out[caller] = {
      requestId: r.headers['x-insanic-request-id'] as string | undefined,
      user: r.headers['x-insanic-request-user'] as string | undefined,
      traceparent: r.headers.traceparent as string | undefined,
    };
  }
  return out;
}

/** What every downstream request should carry: exactly its own caller's context. */
export function expectedDownstream(contexts: CallerContext[]): Record<string, Propagated> {
  return Object.fromEntries(contexts.map((c) => [c.caller, { requestId: c.requestId, user: userHeader(c.user), traceparent: c.traceparent }]));
}

/** What the intermediate should have seen in each call's context. */
export function expectedSeen(contexts: CallerContext[]): Record<string, RelayResult> {
  return Object.fromEntries(
    contexts.map((c) => [c.caller, { seen: { requestId: c.requestId, user: c.user, traceparent: c.traceparent }, down: { ok: true } }]),
  );
}
