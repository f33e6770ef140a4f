/**
 * Types of svc-gen/testing. The generated `<out>/testing.ts` instantiates `FakeHandler` with each
 * operation's request parts (the client's `…Params`) and openapi-typescript's operation object, so
 * a handler that returns a status or body the spec does not declare does not compile.
 */
import type { Contract, ContractViolation } from '../validate/contract.js';
import type { ContractLoader } from '../validate/contracts.js';

type PartOf<P, K extends string> = string extends keyof P ? Record<string, never> : K extends keyof P ? NonNullable<P[K]> : Record<string, never>;

/** What a handler receives: the request's parts, parameters coerced to their schema's types. */
export interface FakeRequest<P = Record<string, unknown>> {
  readonly path: PartOf<P, 'path'>;
  readonly query: Partial<PartOf<P, 'query'>>;
  /** Every request header, lower-case names (the runtime's injected ones included). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string extends keyof P ? unknown : 'body' extends keyof P ? P['body' & keyof P] : undefined;
}

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : Record<string, unknown>;
type BodyOf<R> = R extends { content: infer C } ? (C extends Record<string, unknown> ? C[keyof C] : unknown) : undefined;
type StatusOf<K> = K extends number ? K : K extends `${infer N extends number}` ? N : number;
type OneResponse<K, R> = [BodyOf<R>] extends [undefined]
  ? { status: StatusOf<K>; body?: undefined; headers?: Record<string, string> }
  : { status: StatusOf<K>; body: BodyOf<R>; headers?: Record<string, string> };

/** What a handler returns: one of the statuses the spec declares, with that status's body type. */
export type FakeResponse<Op = unknown> = unknown extends Op
  ? { status: number; body?: unknown; headers?: Record<string, string> }
  : { [K in keyof ResponsesOf<Op>]: OneResponse<K, ResponsesOf<Op>[K]> }[keyof ResponsesOf<Op>];

/** One operation's handler. */
export type FakeHandler<P = Record<string, unknown>, Op = unknown> = (request: FakeRequest<P>) => FakeResponse<Op> | Promise<FakeResponse<Op>>;

/** Handlers by operation name (the generated method name, `getUser`). */
export type FakeHandlers = Readonly<Record<string, FakeHandler<any, any> | undefined>>;

/** A call the fake received. */
export interface FakeCall<Name extends string = string> {
  /** The operation it matched; undefined for an unknown route. */
  readonly operation: Name | undefined;
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The status answered; undefined while pending, or when the call hung or was reset. */
  status: number | undefined;
}

/**
 * How a call fails: answer `status` (with an optional body and headers), reset the connection,
 * wait `delayMs` then answer normally, or never answer (`hang`: the caller's timeout must end it).
 */
export type Fault =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly reset: true }
  | { readonly delayMs: number }
  | { readonly hang: true };

/** Options of `createFake`. */
export interface FakeOptions {
  /** The service's contract (the generated testing.ts passes it); else the one `index.ts` registered. */
  readonly contract?: Contract | ContractLoader;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Point the registry's service at the fake until `close()`. @default true */
  readonly point?: boolean;
  /** Called once per answered call, with the violations it produced (the CLI logs with it). */
  readonly onCall?: (call: FakeCall, violations: readonly ContractViolation[]) => void;
}

/** A running fake of one service. */
export interface Fake<Name extends string = string> {
  readonly service: string;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every call received, in order. */
  readonly calls: readonly FakeCall<Name>[];
  /** Every contract violation: the consumer's requests, and the handlers' answers. */
  readonly violations: readonly ContractViolation[];
  /** The next `times` calls (default 1), of `operation` when given, fail with `fault`. */
  fail(fault: Fault, options?: { readonly times?: number; readonly operation?: Name }): void;
  /** Queue outcomes for the next calls, in order: a status >= 400 answers it, a lower one (`200`) lets the handler answer. */
  queue(...outcomes: readonly (number | Fault)[]): void;
  /** Adds `ms` of latency before every answer (0 removes it). */
  latency(ms: number): void;
  /** Forgets calls, violations, queued faults and latency. */
  reset(): void;
  /** Stops the server (open connections are destroyed) and restores the registry. */
  close(): Promise<void>;
}
