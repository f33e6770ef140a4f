/**
 * A reachable service: Insanic's `Service` object. `httpDispatch` is the hand-written entry,
 * `call` the one generated clients use; both build one plain request and send it through the
 * service's pipeline (errors → timeout → headers → retry → transport), composed once.
 */

import type { Readable } from 'node:stream';
import { discardBody } from './body/binary.js';
import { chooseMedia } from './body/choose.js';
import { type EncodedBody, encodeBody, encodePayload } from './body.js';
import type { EndpointStatus } from './endpoints/endpoint-set.js';
import { buildUpstream, splitBaseUrl, type Upstream } from './endpoints/upstream.js';
import { APIException, headerRecord } from './errors.js';
import { cancelled, invalidUsage, payloadError } from './failures.js';
import { ServiceTokens } from './jwt.js';
import { checkParts, dispatchQuery, mergeCookies, serializeParams } from './params/index.js';
import { compose, type Fetch, type OutgoingRequest, type RawResponse } from './pipeline.js';
import { decodeBody } from './response.js';
import type { ResolvedSettings, ServiceOverride } from './settings.js';
import { breaker, CircuitBreaker } from './steps/breaker.js';
import { stampDeadline } from './steps/deadline.js';
import { checkSendable, mapErrors, toAPIException, withSite } from './steps/errors.js';
import { attemptExtensions, callExtensions } from './steps/extensions.js';
import { injectHeaders, normalizeHeaders } from './steps/headers.js';
import { allowedRetries, RetryBudgetBucket, retry } from './steps/retry.js';
import { attemptSpan, callSpan, loadOtel } from './steps/telemetry.js';
import { timeout } from './steps/timeout.js';
import { mergeTls } from './transport/tls.js';
import type { TransportOptions } from './transport.js';
import type { CallOptions, DispatchOptions, HttpMethod, OperationParams, OperationSpec, ResponseType } from './types.js';
import { checkEndpoint, withQuery } from './url.js';

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface SendInput {
  method: string;
  /** Path, query pairs, parameter headers and cookies; a function so parameter errors surface as this call's error. */
  target: () => { path: string; query: string[]; headers?: Record<string, string>; cookie?: string };
  body: EncodedBody | Promise<EncodedBody>;
  options: CallOptions;
  idempotent: boolean;
  responseType: ResponseType;
  operation: string;
}

export class Service {
  readonly name: string;
  /** Where calls go: from `services[name].url`, `SVC_GEN_<NAME>_URL`, or the global template. */
  readonly baseUrl: string;
  /** Tokens left in this service's retry budget. */
  readonly retryBudget: RetryBudgetBucket;
  /** This service's circuit breaker (`circuit.state`). */
  readonly circuit: CircuitBreaker;
  readonly #settings: ResolvedSettings;
  readonly #override: ServiceOverride;
  readonly #base: { origin: string; prefix: string } | APIException;
  readonly #upstream: Upstream | undefined;
  readonly #fetch: Fetch;
  readonly #parseJson: ((text: string) => unknown) | undefined;

  constructor(name: string, settings: ResolvedSettings) {
    this.name = name;
    this.#settings = settings;
    this.#override = settings.services[name] ?? {};
    const host = settings.serviceGlobalHostTemplate.replace(/\{(service)?\}/g, name);
    const urls = this.#override.urls?.length
      ? this.#override.urls
      : [this.#override.url ?? `${settings.serviceGlobalSchema}://${host}:${settings.serviceGlobalPort}`];
    this.baseUrl = urls[0]!;
    const base = splitBaseUrl(this.baseUrl, this.#override);
    const upstream =
      base instanceof APIException
        ? base
        : buildUpstream(name, urls, base, settings.serviceConnectorMax, transportOptions(base.origin, settings, this.#override), {
            ...settings.endpoints,
            ...this.#override.endpoints,
          });
    this.#base = upstream instanceof APIException ? upstream : base;
    this.#upstream = upstream instanceof APIException ? undefined : upstream;
    this.#parseJson = this.#override.parseJson ?? settings.parseJson;
    this.retryBudget = new RetryBudgetBucket(settings.retryBudget.maxTokens, settings.retryBudget.tokenRatio);
    const tokens = settings.serviceTokenKey ? new ServiceTokens(settings.serviceName, settings.serviceTokenKey) : undefined;
    const transport: Fetch = this.#upstream?.fetch ?? (() => Promise.reject(this.#base));
    this.circuit = new CircuitBreaker(name, { ...settings.circuitBreaker, ...this.#override.circuitBreaker }, settings.onCircuitStateChange);
    // Order matters: errors wrap everything; the timeout spans all attempts; headers are built once;
    // every attempt (retries included) must pass the breaker and carries its own time left.
    // OpenTelemetry spans only when @opentelemetry/api is installed: otherwise no step, no cost.
    const otel = loadOtel();
    this.#fetch = compose(
      ...(otel ? [callSpan(otel, () => this.circuit.state)] : []),
      mapErrors,
      timeout,
      injectHeaders(settings, tokens),
      ...callExtensions(name, settings),
      retry(settings, this.retryBudget),
      breaker(this.circuit),
      ...(otel ? [attemptSpan(otel)] : []),
      ...attemptExtensions(name, settings),
      stampDeadline(settings.deadlineHeader),
    )(transport);
  }

  /** Insanic's `http_dispatch`: send `method endpoint`, return the parsed body (or `[body, status]`). */
  httpDispatch(method: string, endpoint: string, options: DispatchOptions = {}): Promise<unknown> {
    const { queryParams, payload, files } = options;
    let body: EncodedBody | Promise<EncodedBody>;
    try {
      body = encodePayload(payload, files, options.contentType);
    } catch (error) {
      body = Promise.reject(error);
    }
    const target = () => ({ path: endpoint, query: dispatchQuery(queryParams, options.queryStyles) });
    return this.#send({ method, target, body, options, idempotent: false, responseType: 'auto', operation: `${method} ${endpoint}` });
  }

  /** The entry of generated clients: one described operation with its typed parts. */
  call(op: OperationSpec, params: OperationParams | undefined, options: CallOptions = {}): Promise<unknown> {
    const p = params ?? {};
    let body: EncodedBody | Promise<EncodedBody>;
    try {
      const { mediaType, spec } = chooseMedia(op, options.contentType);
      const multipart = p.files !== undefined && spec.type !== 'multipart' ? { type: 'multipart' as const } : spec;
      body = encodeBody(multipart, mediaType, p.body, p.files);
    } catch (error) {
      body = Promise.reject(error);
    }
    return this.#send({
      method: op.method,
      target: () => {
        checkParts(p);
        return serializeParams(op, p);
      },
      body,
      options,
      idempotent: op.idempotent === true,
      responseType: op.responseType ?? 'auto',
      operation: op.operationId,
    });
  }

  async #send(input: SendInput): Promise<unknown> {
    const method = String(input.method).toUpperCase();
    const { options } = input;
    const responseMode = options.result === 'response';
    let request: OutgoingRequest | undefined;
    try {
      if (!METHODS.has(method)) throw invalidUsage(`Unsupported HTTP method ${JSON.stringify(input.method)}.`);
      if (this.#base instanceof APIException) throw this.#base;
      const target = input.target();
      const path = withQuery(`${this.#base.prefix}${checkEndpoint(target.path)}`, target.query);
      const headers = normalizeHeaders(this.#override.headers, target.headers, options.headers);
      const cookie = mergeCookies(target.cookie ?? '', headers.cookie);
      if (cookie !== undefined) headers.cookie = cookie;
      // Only the caller's headers can be hop-by-hop or beyond Latin-1; injected ones are ours.
      checkSendable(headers);
      const encoded = await input.body;
      if (encoded.contentType && !('content-type' in headers)) headers['content-type'] = encoded.contentType;
      request = {
        service: this.name,
        method: method as HttpMethod,
        url: `${this.#base.origin}${path}`,
        origin: this.#base.origin,
        path,
        headers,
        body: encoded.body,
        propagateError: options.propagateError === true,
        ...(responseMode && { returnEveryStatus: true }),
        // A streamed body cannot be sent twice: such a call gets one attempt.
        maxRetries: encoded.replayable
          ? allowedRetries(
              {
                method: method as HttpMethod,
                headers,
                callRetryCount: options.retryCount,
                serviceRetryCount: this.#override.retryCount,
                idempotent: input.idempotent,
              },
              this.#settings,
            )
          : 0,
        timeoutMs: options.responseTimeout ?? this.#override.timeout ?? this.#settings.serviceTimeoutTotal,
        attemptTimeoutMs: options.attemptTimeout ?? this.#override.attemptTimeout ?? this.#settings.attemptTimeout,
        signal: options.signal,
        deadline: 0,
        timedOut: false,
        attempts: 0,
        operation: input.operation,
        ...callTransportOptions(options),
        ...(this.#parseJson && { parseJson: this.#parseJson }),
      };
      const response = await this.#fetch(request);
      if (response.stream) {
        const stream = streamed(response, options);
        if (responseMode) return responseResult(response.status, stream, headerRecord(response.headers));
        return options.includeStatusCode ? [stream, response.status] : stream;
      }
      let data: unknown;
      try {
        data = decodeBody(response, input.responseType, this.#parseJson);
      } catch (error) {
        if (response.status < 300) throw payloadError(error);
        data = new TextDecoder().decode(response.body); // a returned 4xx whose body is not the JSON it claims
      }
      if (responseMode) return responseResult(response.status, data, headerRecord(response.headers));
      return options.includeStatusCode ? [data, response.status] : data;
    } catch (error) {
      // A stream nobody read (refused before the first attempt) is closed, as undici does on failure.
      if (!request || request.attempts === 0) discardBody(request?.body ?? (await Promise.resolve(input.body).catch(() => undefined))?.body);
      throw withSite(toAPIException(error), request ?? { service: this.name, operation: input.operation, method, url: this.baseUrl, attempts: 0 });
    }
  }

  /** Send a request built elsewhere (`createFetch`) through this service's pipeline. */
  dispatch(request: OutgoingRequest): Promise<RawResponse> {
    return this.#fetch(request);
  }

  /** Each endpoint's address, requests in flight and ejection; empty for a single-URL service. */
  endpoints(): EndpointStatus[] {
    return this.#upstream?.status() ?? [];
  }

  /** Close this service's pools (in-flight calls get a short grace period). */
  close(): Promise<void> {
    return this.#upstream?.close() ?? Promise.resolve();
  }
}

/** The service's transport options: its own settings over the global ones. */
function transportOptions(origin: string, settings: ResolvedSettings, override: ServiceOverride): TransportOptions {
  // Global TLS settings apply to https upstreams; a per-service tls on http: is refused in splitBaseUrl.
  const tls = origin.startsWith('https:') ? mergeTls(settings.tls, override.tls) : undefined;
  return {
    tls,
    http2: override.http2 ?? settings.http2,
    socketPath: override.socketPath,
    maxResponseBytes: override.maxResponseBytes ?? settings.maxResponseBytes,
    acceptEncoding: override.acceptEncoding ?? settings.acceptEncoding,
    bodyIdleTimeout: override.bodyIdleTimeout ?? settings.bodyIdleTimeout,
  };
}

/** The call's own transport options, checked (a bad one fails before anything is sent). */
function callTransportOptions(options: CallOptions): Pick<OutgoingRequest, 'maxResponseBytes' | 'responseMode' | 'bodyIdleTimeout'> {
  const { maxResponseBytes, responseType, bodyIdleTimeout } = options;
  if (maxResponseBytes !== undefined && !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw invalidUsage(`maxResponseBytes (${String(maxResponseBytes)}) must be a positive integer.`);
  }
  if (bodyIdleTimeout !== undefined && !(Number.isFinite(bodyIdleTimeout) && bodyIdleTimeout >= 0)) {
    throw invalidUsage(`bodyIdleTimeout (${String(bodyIdleTimeout)}) must be a number of ms >= 0.`);
  }
  if (responseType !== undefined && responseType !== 'stream') throw invalidUsage(`responseType ${JSON.stringify(responseType)} is not 'stream'.`);
  return {
    ...(maxResponseBytes !== undefined && { maxResponseBytes }),
    ...(responseType === 'stream' && { responseMode: 'stream' as const }),
    ...(bodyIdleTimeout !== undefined && { bodyIdleTimeout }),
  };
}

/** A streamed body (only 2xx stream): the caller's signal still reaches it (the call's timeout ended at the headers). */
function streamed(response: RawResponse, options: CallOptions): Readable {
  const stream = response.stream!;
  const signal = options.signal;
  if (signal) {
    const onAbort = () => stream.destroy(cancelled(signal.reason));
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      stream.once('close', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return stream;
}

/** `result: 'response'`: 2xx is `ok` with `data`, every other status `error`. */
function responseResult(status: number, body: unknown, headers: Record<string, string>): object {
  return status >= 200 && status < 300 ? { ok: true, status, data: body, headers } : { ok: false, status, error: body, headers };
}
