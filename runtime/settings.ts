/**
 * Settings of the runtime: Insanic's names, camelCased. All defaults live here; `resolveSettings`
 * turns what the user gave (plus the environment) into one fully resolved object, so nothing
 * downstream checks for `undefined`.
 */

import { type Lookup, systemLookup } from './endpoints/resolver.js';
import type { UserStep } from './pipeline.js';
import { shared } from './state.js';
import type { TlsSettings } from './transport/tls.js';
import type { ContractViolation } from './validate/contract.js';
import { logViolationOnce } from './validate/report.js';
import type { ValidateSettings } from './validate/step.js';

/** Transport options a service may override (see README, Production). */
export interface TransportSettings {
  /** TLS for https upstreams: private CA, mTLS client certificate, SNI name. Merged field by field over the global `tls`. */
  tls?: TlsSettings;
  /** Offer HTTP/2 in ALPN (https only). @default false */
  http2?: boolean;
  /** Largest response body, in bytes after decompression; larger fails with `response_too_large`. @default 4194304 (4 MiB) */
  maxResponseBytes?: number;
  /** `accept-encoding` sent when the call sets none; `false` sends none (responses are decoded either way). @default 'gzip, deflate, br' */
  acceptEncoding?: string | false;
  /** A streamed body (`responseType: 'stream'`) fails after this long without a byte, in ms; 0 disables. @default 30000 */
  bodyIdleTimeout?: number;
  /** Parses every JSON body, success and error (e.g. a lossless 64-bit parser). @default JSON.parse */
  parseJson?: (text: string) => unknown;
}

/** Per-service overrides. */
export interface ServiceOverride extends TransportSettings {
  /** Connect to this Unix domain socket; `url` still gives the Host header and the path prefix. */
  socketPath?: string;
  /** Full base URL, may carry a path prefix (`http://10.0.0.5:9000/api`). Beaten by `SVC_GEN_<NAME>_URL`. */
  url?: string;
  /**
   * Several base URLs of the same service (same scheme and path prefix): calls are spread over
   * them and a failing one is ejected (see `endpoints`). Beats `url`; beaten by `SVC_GEN_<NAME>_URL`.
   */
  urls?: readonly string[];
  /** This service's endpoint balancing, ejection and DNS, over the global `endpoints` settings. */
  endpoints?: Partial<EndpointSettings>;
  /** Total time per call in ms. */
  timeout?: number;
  /** Time per attempt in ms, inside `timeout` (0: none). Beats the global `attemptTimeout`. */
  attemptTimeout?: number;
  /** Extra attempts after the first (explicit: also enables retries of PUT/DELETE/OPTIONS). */
  retryCount?: number;
  /** Headers sent with every call to this service (cannot override injected ones). */
  headers?: Record<string, string>;
  /** This service's circuit breaker, over the global `circuitBreaker` settings. */
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  /** Contract checks of this service's calls, over the global `validate`. */
  validate?: ValidateSettings;
  /** Steps for this service's calls, after the global `steps` (see steps/extensions.ts). */
  steps?: readonly UserStep[];
}

export interface EndpointSettings {
  /**
   * Resolve the URL's host name to all of its addresses and spread calls over them (Kubernetes
   * headless services, Consul DNS); the Host header and TLS server name keep the name. @default false
   */
  resolveDns: boolean;
  /** Re-resolve the host name after this many ms. @default 5000 */
  dnsTtlMs: number;
  /** The resolver used when `resolveDns` is on. @default the system resolver (dns.lookup, every address) */
  lookup: Lookup;
  /** Consecutive failed attempts (5xx, 429, connect/reset/timeout) that eject an address. @default 5 */
  ejectAfterFailures: number;
  /** How long an ejected address rests before it rejoins on probation (doubling while it keeps failing). @default 5000 */
  ejectMs: number;
}

export interface CircuitBreakerSettings {
  /** @default true */
  enabled: boolean;
  /** Share of failed attempts in the window that opens the circuit. @default 0.5 */
  failureRatio: number;
  /** Attempts the window must hold before it can open. @default 20 */
  minimumCalls: number;
  /** Rolling window length in ms. @default 10000 */
  windowMs: number;
  /** How long the circuit stays open before probes are let through. @default 5000 */
  cooldownMs: number;
  /** Probes allowed at once while half-open. @default 1 */
  halfOpenProbes: number;
}

/** A circuit changed state (see `onCircuitStateChange`). */
export interface CircuitStateChange {
  service: string;
  from: 'closed' | 'open' | 'half-open';
  to: 'closed' | 'open' | 'half-open';
  /** Failed and total attempts in the window at the change. */
  failures: number;
  total: number;
}

export interface RetryBudget {
  /** Tokens the bucket starts with and never exceeds; each retry spends one. @default 10 */
  maxTokens: number;
  /** Tokens each successful call deposits. @default 0.1 */
  tokenRatio: number;
}

export interface Settings extends TransportSettings {
  /** This service's own name: sent in the service header and as the JWT `source`. @default '' */
  serviceName?: string;
  /** @default [] */
  serviceConnections?: readonly string[];
  /** @default [] */
  requiredServiceConnections?: readonly string[];
  /** @default 'http' */
  serviceGlobalSchema?: string;
  /** `{}` or `{service}` is replaced by the service name. @default '{}' */
  serviceGlobalHostTemplate?: string;
  /** @default 8000 */
  serviceGlobalPort?: number;
  /** @default {} */
  services?: Record<string, ServiceOverride>;
  /** @default 5000 (ms) */
  serviceTimeoutTotal?: number;
  /**
   * Time per attempt in ms, inside the call's total; a hung attempt is abandoned and retried if
   * method, budget and time left allow (Envoy's per_try_timeout). 0 = no per-attempt limit.
   * @default 0
   */
  attemptTimeout?: number;
  /** @default 2 */
  serviceConnectionDefaultRetryCount?: number;
  /** @default 4 */
  serviceConnectionMaxRetryCount?: number;
  /** @default 50 */
  retryBackoffBaseMs?: number;
  /** @default 1000 */
  retryBackoffMaxMs?: number;
  /** @default 2000 */
  retryAfterMaxMs?: number;
  /** @default { maxTokens: 10, tokenRatio: 0.1 } */
  retryBudget?: Partial<RetryBudget>;
  /** Connections per service pool. @default 100 */
  serviceConnectorMax?: number;
  /** @default 'x-insanic-request-id' */
  requestIdHeaderField?: string;
  /** @default 'x-insanic-request-user' */
  internalRequestUserHeader?: string;
  /** @default 'x-insanic-request-service' */
  internalRequestServiceHeader?: string;
  /** HS256 secret of the service identity token; no `authorization` header when unset. */
  serviceTokenKey?: string;
  /** @default 'MSA' */
  jwtServiceAuthHeaderPrefix?: string;
  /** The header that carries the service identity token (Insanic: `authorization`). @default 'authorization' */
  serviceAuthHeader?: string;
  /** Carries the milliseconds left for the whole request, relative so clocks need not agree. @default 'x-svc-deadline-ms' */
  deadlineHeader?: string;
  /** @default { enabled: true, failureRatio: 0.5, minimumCalls: 20, windowMs: 10000, cooldownMs: 5000, halfOpenProbes: 1 } */
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  /** Called on every circuit state change (closed → open → half-open → closed). */
  onCircuitStateChange?: (change: CircuitStateChange) => void;
  /** Contract checks of requests and responses against the spec. @default { requests: 'off', responses: 'off' } */
  validate?: ValidateSettings;
  /** Called on every contract violation in `warn` and `throw` modes. @default logs each service, operation and pointer once */
  onContractViolation?: (violation: ContractViolation) => void;
  /** Your own steps, `(next) => (request) => response`: per call by default, or `{ per: 'attempt', step }`. @default [] */
  steps?: readonly UserStep[];
  /** @default { resolveDns: false, dnsTtlMs: 5000, lookup: system, ejectAfterFailures: 5, ejectMs: 5000 } */
  endpoints?: Partial<EndpointSettings>;
}

export type ResolvedSettings = Required<
  Omit<Settings, 'serviceTokenKey' | 'retryBudget' | 'services' | 'circuitBreaker' | 'endpoints' | 'tls' | 'parseJson'>
> & {
  serviceTokenKey: string | undefined;
  tls: TlsSettings | undefined;
  parseJson: ((text: string) => unknown) | undefined;
  retryBudget: RetryBudget;
  circuitBreaker: CircuitBreakerSettings;
  endpoints: EndpointSettings;
  services: Record<string, ServiceOverride>;
};

const DEFAULTS: Omit<ResolvedSettings, 'services' | 'retryBudget' | 'circuitBreaker' | 'endpoints'> = {
  serviceName: '',
  serviceConnections: [],
  requiredServiceConnections: [],
  serviceGlobalSchema: 'http',
  serviceGlobalHostTemplate: '{}',
  serviceGlobalPort: 8000,
  serviceTimeoutTotal: 5000,
  attemptTimeout: 0,
  serviceConnectionDefaultRetryCount: 2,
  serviceConnectionMaxRetryCount: 4,
  retryBackoffBaseMs: 50,
  retryBackoffMaxMs: 1000,
  retryAfterMaxMs: 2000,
  serviceConnectorMax: 100,
  requestIdHeaderField: 'x-insanic-request-id',
  internalRequestUserHeader: 'x-insanic-request-user',
  internalRequestServiceHeader: 'x-insanic-request-service',
  serviceTokenKey: undefined,
  jwtServiceAuthHeaderPrefix: 'MSA',
  serviceAuthHeader: 'authorization',
  deadlineHeader: 'x-svc-deadline-ms',
  onCircuitStateChange: () => {},
  tls: undefined,
  http2: false,
  maxResponseBytes: 4 * 1024 * 1024,
  acceptEncoding: 'gzip, deflate, br',
  bodyIdleTimeout: 30_000,
  parseJson: undefined,
  validate: {},
  onContractViolation: logViolationOnce,
  steps: [],
};

const ENDPOINT_DEFAULTS: EndpointSettings = { resolveDns: false, dnsTtlMs: 5000, lookup: systemLookup, ejectAfterFailures: 5, ejectMs: 5000 };

const CIRCUIT_DEFAULTS: CircuitBreakerSettings = { enabled: true, failureRatio: 0.5, minimumCalls: 20, windowMs: 10_000, cooldownMs: 5_000, halfOpenProbes: 1 };

/** The environment variable that overrides a service's URL: `SVC_GEN_ORDER_HISTORY_URL`. */
export function urlEnvName(service: string): string {
  return `SVC_GEN_${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_NAME_SETTINGS = [
  'requestIdHeaderField',
  'internalRequestUserHeader',
  'internalRequestServiceHeader',
  'deadlineHeader',
  'serviceAuthHeader',
] as const;
const HEADER_VALUE_SETTINGS = ['serviceName', 'jwtServiceAuthHeaderPrefix'] as const;

/** Settings that end up in headers are checked once, here, so a bad one names itself. */
function checkHeaderSettings(settings: ResolvedSettings): void {
  for (const key of HEADER_NAME_SETTINGS) {
    if (!TOKEN.test(settings[key])) throw new TypeError(`svc-gen: setting ${key} (${JSON.stringify(settings[key])}) is not a valid header name.`);
  }
  for (const key of HEADER_VALUE_SETTINGS) {
    if (/[\r\n\0]/.test(settings[key])) throw new TypeError(`svc-gen: setting ${key} contains CR, LF or NUL.`);
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Transport settings are checked once, here, so a bad one names itself. */
function checkTransportSettings(
  prefix: string,
  settings: {
    maxResponseBytes?: number | undefined;
    bodyIdleTimeout?: number | undefined;
    acceptEncoding?: string | false | undefined;
    socketPath?: string | undefined;
  },
): void {
  const { maxResponseBytes, bodyIdleTimeout, acceptEncoding, socketPath } = settings;
  if (maxResponseBytes !== undefined && !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw new TypeError(`svc-gen: setting ${prefix}maxResponseBytes (${String(maxResponseBytes)}) must be a positive integer.`);
  }
  if (bodyIdleTimeout !== undefined && !(Number.isFinite(bodyIdleTimeout) && bodyIdleTimeout >= 0)) {
    throw new TypeError(`svc-gen: setting ${prefix}bodyIdleTimeout (${String(bodyIdleTimeout)}) must be a number of ms >= 0.`);
  }
  if (typeof acceptEncoding === 'string' && /[\r\n\0]/.test(acceptEncoding))
    throw new TypeError(`svc-gen: setting ${prefix}acceptEncoding contains CR, LF or NUL.`);
  if (socketPath !== undefined && (typeof socketPath !== 'string' || socketPath === ''))
    throw new TypeError(`svc-gen: setting ${prefix}socketPath must be a non-empty path.`);
}

/** Defaults, then the given settings, then environment overrides (deployments win over code). */
export function resolveSettings(settings: Settings, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  const resolved: ResolvedSettings = {
    ...DEFAULTS,
    ...defined,
    retryBudget: { maxTokens: 10, tokenRatio: 0.1, ...settings.retryBudget },
    circuitBreaker: { ...CIRCUIT_DEFAULTS, ...settings.circuitBreaker },
    endpoints: { ...ENDPOINT_DEFAULTS, ...definedOnly(settings.endpoints) },
    services: { ...settings.services },
  };
  for (const name of [...resolved.serviceConnections, ...resolved.requiredServiceConnections]) {
    const url = env[urlEnvName(name)];
    if (url) {
      // The deployment's one URL wins over a configured list too.
      const { urls: _urls, ...rest } = resolved.services[name] ?? {};
      resolved.services[name] = { ...rest, url };
    }
  }
  checkHeaderSettings(resolved);
  checkTransportSettings('', resolved);
  for (const [name, override] of Object.entries(resolved.services)) checkTransportSettings(`services.${name}.`, override);
  return resolved;
}

// Shared with other copies of the runtime in this process (state.ts).
const holder = shared('settings', (): { current?: ResolvedSettings } => ({}));

/** The settings of the last `configure()` (defaults plus environment when never configured). */
export function currentSettings(): ResolvedSettings {
  holder.current ??= resolveSettings({});
  return holder.current;
}

/** Replace the current settings; called by `configure()` only. */
export function replaceSettings(settings: Settings): ResolvedSettings {
  holder.current = resolveSettings(settings);
  return holder.current;
}
