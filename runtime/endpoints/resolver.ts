/**
 * Host name → addresses, re-resolved on a TTL, for services behind a name that resolves to many
 * addresses (Kubernetes headless services, Consul DNS). Resolution is lazy: a call past the TTL
 * starts a refresh in the background and goes on with the addresses it has; only the first call
 * waits. No timer is kept, so an idle process has nothing pending. A failed refresh keeps the
 * last good answer (a DNS hiccup must not take a healthy service away).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all of its addresses. */
export type Lookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (getaddrinfo, so /etc/hosts and search domains apply), every address. */
export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, order: 'ipv4first' });

/** A DNS failure with an errno-style code, so the error table maps it to `service_unavailable`. */
function resolveError(hostname: string, cause: unknown): Error {
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(new Error(`Resolving ${hostname} failed: ${message}`, { cause }), { code: typeof code === 'string' ? code : 'EAI_FAIL' });
}

export class Resolver {
  #addresses: readonly ResolvedAddress[] = [];
  #resolvedAt = Number.NEGATIVE_INFINITY;
  #refresh: Promise<readonly ResolvedAddress[]> | undefined;

  constructor(
    readonly hostname: string,
    readonly ttlMs: number,
    readonly lookup: Lookup,
  ) {}

  /** The current addresses; waits only when there are none yet. */
  addresses(now = Date.now()): readonly ResolvedAddress[] | Promise<readonly ResolvedAddress[]> {
    if (now - this.#resolvedAt >= this.ttlMs) {
      const refresh = this.#startRefresh();
      if (this.#addresses.length === 0) return refresh;
    }
    return this.#addresses;
  }

  #startRefresh(): Promise<readonly ResolvedAddress[]> {
    this.#refresh ??= this.#resolve().finally(() => {
      this.#refresh = undefined;
    });
    return this.#refresh;
  }

  #keep(): readonly ResolvedAddress[] {
    this.#resolvedAt = Date.now();
    return this.#addresses;
  }

  async #resolve(): Promise<readonly ResolvedAddress[]> {
    let found: readonly ResolvedAddress[];
    try {
      found = await this.lookup(this.hostname);
    } catch (error) {
      if (this.#addresses.length) return this.#keep(); // keep the last good answer until the next TTL
      throw resolveError(this.hostname, error);
    }
    if (found.length === 0) {
      if (this.#addresses.length) return this.#keep();
      throw resolveError(this.hostname, Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' }));
    }
    // Sorted, so the same answer in another order changes nothing.
    this.#addresses = [...found].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    this.#resolvedAt = Date.now();
    return this.#addresses;
  }
}

/**
 * A `lookup` for `net.connect` that always answers `address`: the socket goes to that address
 * while the URL (Host header, TLS server name) keeps the host name. Handles `all: true`, which
 * Node asks for when it tries several address families (autoSelectFamily).
 */
export function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
