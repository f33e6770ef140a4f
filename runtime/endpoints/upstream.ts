/**
 * Where a service's attempts go: one Transport for a single URL (today's path, untouched), or an
 * EndpointSet for several URLs or a host name resolved to several addresses. Chosen once, when
 * the Service is built; a bad list is refused then, naming the service and the URL.
 */
import { APIException } from '../errors.js';
import { invalidUrl } from '../failures.js';
import type { Fetch } from '../pipeline.js';
import type { EndpointSettings } from '../settings.js';
import { Transport, type TransportOptions } from '../transport.js';
import { EndpointSet, type EndpointStatus } from './endpoint-set.js';
import { Resolver } from './resolver.js';

export interface Upstream {
  readonly fetch: Fetch;
  /** Each endpoint's address, requests in flight and ejection; empty for a single URL (nothing to balance). */
  status(): EndpointStatus[];
  close(): Promise<void>;
}

/** `http://host:port` and the path prefix of a base URL. */
export function splitBaseUrl(baseUrl: string, override: { tls?: unknown } = {}): { origin: string; prefix: string; hostname: string } | APIException {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalidUrl(`Unsupported scheme in ${baseUrl}.`);
    // TLS settings for a plain-HTTP URL would be silently unused: refuse rather than send in clear.
    if (override.tls && url.protocol === 'http:') return invalidUrl(`The service has tls settings but its URL ${baseUrl} is http:, not https:.`);
    return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, ''), hostname: url.hostname };
  } catch (error) {
    return invalidUrl(`The base URL ${JSON.stringify(baseUrl)} does not parse: ${(error as Error).message}`);
  }
}

/** A name to resolve: not an IP literal (those have one address already). */
const isIpLiteral = (hostname: string) => /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.startsWith('[');

/**
 * The upstream of service `name` at `urls` (the first is its base URL, already split as `base`).
 * Every URL must share the first one's scheme and path prefix: the request path is built once.
 */
export function buildUpstream(
  name: string,
  urls: readonly string[],
  base: { origin: string; prefix: string; hostname: string },
  connections: number,
  options: TransportOptions,
  settings: EndpointSettings,
): Upstream | APIException {
  const origins = [base.origin];
  for (const url of urls.slice(1)) {
    const other = splitBaseUrl(url);
    if (other instanceof APIException) return other;
    if (other.prefix !== base.prefix || new URL(other.origin).protocol !== new URL(base.origin).protocol) {
      return invalidUrl(`services.${name}.urls: ${url} differs from ${urls[0]} in scheme or path prefix; every URL of a service must share them.`);
    }
    if (!origins.includes(other.origin)) origins.push(other.origin);
  }
  const outlier = { ejectAfterFailures: settings.ejectAfterFailures, ejectMs: settings.ejectMs };
  if (origins.length > 1) return fromSet(EndpointSet.fromOrigins(origins, connections, options, outlier));
  if (settings.resolveDns && !isIpLiteral(base.hostname)) {
    return fromSet(EndpointSet.fromResolver(base.origin, new Resolver(base.hostname, settings.dnsTtlMs, settings.lookup), connections, options, outlier));
  }
  const transport = new Transport(base.origin, connections, options);
  return { fetch: transport.fetch, status: () => [], close: () => transport.close() };
}

function fromSet(set: EndpointSet): Upstream {
  return { fetch: set.fetch, status: () => set.status(), close: () => set.close() };
}
