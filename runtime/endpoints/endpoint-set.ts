/**
 * Several endpoints behind one service, above the transports: each attempt picks an endpoint
 * (power of two choices over those not ejected, avoiding the one the call's previous attempt
 * failed on), goes through that endpoint's own Transport, and its outcome feeds the endpoint's
 * outlier detector. Endpoints are fixed URLs (`urls: [...]`) or the addresses a host name
 * resolves to, re-resolved on a TTL. A service with one URL never builds this: it calls its
 * Transport directly, so the single-endpoint path allocates nothing more per call.
 */
import type { Fetch, OutgoingRequest, RawResponse } from '../pipeline.js';
import { isUpstreamFailure } from '../steps/breaker.js';
import { Transport, type TransportOptions } from '../transport.js';
import { pick } from './balancer.js';
import { Outlier, type OutlierSettings } from './outlier.js';
import { pinnedLookup, type ResolvedAddress, type Resolver } from './resolver.js';

/** One address of a service, with its own connection pool and outlier detector. */
export class Endpoint {
  pending = 0;
  readonly outlier: Outlier;
  constructor(
    /** The URL origin, or the resolved address for a host name. */
    readonly key: string,
    readonly transport: Transport,
    settings: OutlierSettings,
  ) {
    this.outlier = new Outlier(settings);
  }
  available(now: number): boolean {
    return this.outlier.available(now);
  }
}

/** What `Service.endpoints()` reports for each endpoint. */
export interface EndpointStatus {
  endpoint: string;
  pending: number;
  ejected: boolean;
}

const failedStatus = (status: number) => status >= 500 || status === 429;

export class EndpointSet {
  #endpoints: Endpoint[] = [];
  /** The endpoint each in-flight call last failed on (weak: nothing to clean up). */
  readonly #lastFailed = new WeakMap<OutgoingRequest, Endpoint>();
  readonly #resolver: Resolver | undefined;
  readonly #origin: string;

  private constructor(
    readonly connections: number,
    readonly options: TransportOptions,
    readonly outlier: OutlierSettings,
    origin: string,
    resolver: Resolver | undefined,
  ) {
    this.#origin = origin;
    this.#resolver = resolver;
  }

  /** Fixed endpoints: one per origin. */
  static fromOrigins(origins: readonly string[], connections: number, options: TransportOptions, outlier: OutlierSettings): EndpointSet {
    const set = new EndpointSet(connections, options, outlier, origins[0]!, undefined);
    set.#endpoints = origins.map((origin) => new Endpoint(origin, new Transport(origin, connections, options), outlier));
    return set;
  }

  /** One endpoint per address `hostname` resolves to; connections keep `origin` for Host and TLS. */
  static fromResolver(origin: string, resolver: Resolver, connections: number, options: TransportOptions, outlier: OutlierSettings): EndpointSet {
    return new EndpointSet(connections, options, outlier, origin, resolver);
  }

  /** Keep the endpoints of addresses still present (with their pools and state), add new ones, retire the rest. */
  #update(addresses: readonly ResolvedAddress[]): void {
    const current = this.#endpoints;
    if (current.length === addresses.length && current.every((e, i) => e.key === addresses[i]!.address)) return;
    const byKey = new Map(current.map((e) => [e.key, e]));
    this.#endpoints = addresses.map(
      (a) =>
        byKey.get(a.address) ??
        new Endpoint(a.address, new Transport(this.#origin, this.connections, { ...this.options, connect: { lookup: pinnedLookup(a) } }), this.outlier),
    );
    const kept = new Set(this.#endpoints);
    for (const gone of current) if (!kept.has(gone)) void gone.transport.close();
  }

  readonly fetch: Fetch = (request) => {
    if (!this.#resolver) return this.#send(request);
    const addresses = this.#resolver.addresses();
    if (!Array.isArray(addresses)) {
      return (addresses as Promise<readonly ResolvedAddress[]>).then((found) => {
        this.#update(found);
        return this.#send(request);
      });
    }
    this.#update(addresses as readonly ResolvedAddress[]);
    return this.#send(request);
  };

  async #send(request: OutgoingRequest): Promise<RawResponse> {
    const endpoint = pick(this.#endpoints, Date.now(), this.#lastFailed.get(request));
    endpoint.pending++;
    try {
      const response = await endpoint.transport.fetch(request);
      const failed = failedStatus(response.status);
      endpoint.outlier.record(failed, Date.now());
      if (failed) this.#lastFailed.set(request, endpoint);
      return response;
    } catch (error) {
      if (isUpstreamFailure(error, request.timedOut)) {
        endpoint.outlier.record(true, Date.now());
        this.#lastFailed.set(request, endpoint);
      }
      throw error;
    } finally {
      endpoint.pending--;
    }
  }

  /** Each endpoint's address, requests in flight and ejection. */
  status(now = Date.now()): EndpointStatus[] {
    return this.#endpoints.map((e) => ({ endpoint: e.key, pending: e.pending, ejected: e.outlier.ejected(now) }));
  }

  close(): Promise<void> {
    return Promise.all(this.#endpoints.map((e) => e.transport.close())).then(() => undefined);
  }
}
