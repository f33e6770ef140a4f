/**
 * Stale keep-alive sockets, as Go's transport handles them (`persistConn.shouldRetryRequest`):
 * a server may close an idle keep-alive socket just as a request is written to it. That request
 * failed before the server saw it, so an idempotent one is safely replayed on another connection,
 * and the failure says nothing about the service (not a retry, not counted by any breaker).
 * Two marks make the decision: the socket had read bytes before (it was reused), and the failing
 * request's response had not started. A response head cut short on a fresh socket looks the same,
 * which is why the retry step replays once only (Go loops while the failed socket was reused).
 */
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';

const REUSED = Symbol.for('svc-gen.reusedSocket');
const BEFORE_RESPONSE = Symbol.for('svc-gen.beforeResponse');
const CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Wrap a connector so a socket error says whether the socket had read anything before (a reset on
 * write of a reused socket comes as a bare ECONNRESET/EPIPE that carries no socket details).
 */
export function trackReuse(connector: buildConnector.connector): buildConnector.connector {
  return (options, callback) =>
    connector(options, (error, socket) => {
      if (socket) {
        const s = socket as Socket;
        s.prependListener('error', (e: Error) => {
          if (s.bytesRead > 0) Object.defineProperty(e, REUSED, { value: true });
        });
      }
      // The callback's two shapes (error, null) and (null, socket) are passed through unchanged.
      (callback as (e: Error | null, s: unknown) => void)(error, socket);
    });
}

/** Called by the transport when a request fails before its response started. */
export function markBeforeResponse(error: unknown): void {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) Object.defineProperty(error, BEFORE_RESPONSE, { value: true });
}

/** Did this attempt fail on a reused idle socket before any byte of its response? */
export function isStaleSocketFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<symbol, unknown> & { code?: string; socket?: { bytesRead?: number } };
  // Only a close or reset: a peer that answered garbage (a parser error) was reached.
  if (e[BEFORE_RESPONSE] !== true || !CLOSED.has(e.code ?? '')) return false;
  // undici's SocketError ('other side closed') carries the socket's counters; errno errors carry our mark.
  return e[REUSED] === true || (e.code === 'UND_ERR_SOCKET' && (e.socket?.bytesRead ?? 0) > 0);
}
