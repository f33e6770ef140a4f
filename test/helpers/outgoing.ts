/**
 * Runtime steps tested with an injected `next` (as openapi-fetch's createObservedClient tests its
 * middleware): a literal OutgoingRequest, and `next` functions that answer canned responses or
 * throw canned errors, counting the requests that reached them. No server, no transport.
 */
import type { Fetch, OutgoingRequest, RawResponse } from '../../runtime/pipeline.js';

/** A GET to `user` with 1 s left and no retries; `fields` replace any of it. */
export function outgoingRequest(fields: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return {
    service: 'user',
    method: 'GET',
    url: 'http://127.0.0.1:1/users',
    origin: 'http://127.0.0.1:1',
    path: '/users',
    headers: {},
    body: null,
    propagateError: false,
    maxRetries: 0,
    timeoutMs: 1000,
    attemptTimeoutMs: 0,
    signal: undefined,
    deadline: Date.now() + 1000,
    timedOut: false,
    attempts: 0,
    operation: 'getUsers',
    ...fields,
  };
}

/** A canned response: `status`, lower-case `headers`, a UTF-8 `body`. */
export function response(status: number, headers: RawResponse['headers'] = {}, body = ''): RawResponse {
  return { status, headers, body: new TextEncoder().encode(body) };
}

/** A `next` that records each request it was given, with its headers and signal as they were then. */
export type RecordingNext = Fetch & {
  readonly seen: { request: OutgoingRequest; headers: Record<string, string>; signal: AbortSignal | undefined }[];
};

/**
 * A `next` that plays `outcomes` in order, one per call (the last repeats): a number answers that
 * status, a RawResponse is returned as is, an Error is thrown.
 */
export function scripted(...outcomes: (number | RawResponse | Error)[]): RecordingNext {
  const seen: RecordingNext['seen'] = [];
  const next = async (request: OutgoingRequest): Promise<RawResponse> => {
    const outcome = outcomes[Math.min(seen.length, outcomes.length - 1)];
    seen.push({ request, headers: { ...request.headers }, signal: request.signal });
    if (outcome instanceof Error) throw outcome;
    return typeof outcome === 'number' ? response(outcome) : outcome!;
  };
  return Object.assign(next, { seen });
}

/** An error carrying a Node/undici `code`, as the transport throws them. */
export function codedError(code: string, message = code): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/**
 * A `next` that never answers on its own: it settles only when the request is interrupted (the
 * deadline sweep) or its signal aborts, rejecting with the reason, as the transport does.
 */
export const hanging: Fetch = (request) =>
  new Promise<RawResponse>((_resolve, reject) => {
    request.interrupt = reject;
    const signal = request.signal;
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
