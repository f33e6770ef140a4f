/**
 * A call is a plain request object passed through a chain of steps to the transport.
 * Each step is curried like undici's interceptors: `(next) => (request) => response`.
 * Request/Response objects of the fetch API stay off this path: they cost most of fetch's time.
 */
import type { Readable } from 'node:stream';
import type { WireBody } from './body/binary.js';
import type { HttpMethod } from './types.js';

export interface OutgoingRequest {
  readonly service: string;
  readonly method: HttpMethod;
  /** Full URL, for errors and logs. */
  readonly url: string;
  /** `scheme://host:port` the pool connects to. */
  readonly origin: string;
  /** Path and query, sent on the request line. */
  readonly path: string;
  /** Lower-case names. Steps add to it; the transport sends it as is. */
  headers: Record<string, string>;
  /** Bytes, text, a Blob, or a stream/async iterable (sent once: such calls are not retried). */
  readonly body: WireBody;
  /** Throw on any status >= 400 (else only 3xx, 429 and 5xx throw). */
  readonly propagateError: boolean;
  /** `result: 'response'`: no status throws; the caller gets every response (retries still apply). */
  readonly returnEveryStatus?: boolean;
  /** Extra attempts allowed for this call; 0 when the method may not be retried. */
  readonly maxRetries: number;
  /** Total time for the call in ms, across attempts. */
  readonly timeoutMs: number;
  /** Time for one attempt in ms (0: none), inside `timeoutMs`; a hung attempt is abandoned and may be retried. */
  readonly attemptTimeoutMs: number;
  /**
   * The caller's signal, when it passed one (the timeout step then gives inner steps a per-call
   * signal that follows it). The call's own deadline does not go through a signal: see `interrupt`.
   */
  signal: AbortSignal | undefined;
  /**
   * Ends the attempt (or backoff) in progress with `reason`; set by the transport for each attempt.
   * The timeout step's deadline sweep calls it when the call's time is up (after setting `timedOut`).
   */
  interrupt?: ((reason: Error) => void) | undefined;
  /** Absolute time (epoch ms) the call must end by; set by the timeout step. */
  deadline: number;
  /** Set by the timeout step's deadline sweep when the call's own deadline ended it. */
  timedOut: boolean;
  /** Attempts sent so far; counted by the transport. */
  attempts: number;
  /** Operation name for errors and telemetry (generated calls), else '`METHOD endpoint`'. */
  readonly operation: string;
  /** This call's body cap in bytes; the service's when unset. */
  readonly maxResponseBytes?: number;
  /** `'stream'`: a 2xx body is returned as `RawResponse.stream`, not buffered. */
  readonly responseMode?: 'buffer' | 'stream';
  /** A streamed body fails when idle this long (ms); the service's when unset. */
  readonly bodyIdleTimeout?: number;
  /** Parses JSON bodies, success and error (a lossless parser, say); `JSON.parse` when unset. */
  readonly parseJson?: (text: string) => unknown;
}

export interface RawResponse {
  status: number;
  /** Lower-case names, as received (repeated headers as arrays). */
  headers: Record<string, string | string[] | undefined>;
  /** The (decoded) body; empty when it is streamed. */
  body: Uint8Array;
  /** The body of a streamed 2xx (`responseType: 'stream'`), decoded, with backpressure. */
  stream?: Readable;
}

export type Fetch = (request: OutgoingRequest) => Promise<RawResponse>;
export type Step = (next: Fetch) => Fetch;

/** `compose(a, b, c)(transport)` runs a → b → c → transport: the first step is the outermost. */
export function compose(...steps: Step[]): (transport: Fetch) => Fetch {
  return (transport) => steps.reduceRight<Fetch>((next, step) => step(next), transport);
}

/** A user step (settings' `steps`): a bare step runs per call; `{ per: 'attempt', step }` runs on every attempt. */
export type UserStep = Step | { readonly per: 'call' | 'attempt'; readonly step: Step };
