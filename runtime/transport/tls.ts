/**
 * TLS settings of a service, and the undici `connect` options they become. Names follow Node's
 * `tls.connect()` (which undici passes them to), so the Node documentation applies as is.
 */

/** PEM text or bytes, or a list of them. */
export type Pem = string | Uint8Array | readonly (string | Uint8Array)[];

export interface TlsSettings {
  /** Trusted CAs for this upstream (replaces the system store, as Node does). PEM. */
  ca?: Pem;
  /** Client certificate chain for mTLS. PEM. */
  cert?: Pem;
  /** Client private key for mTLS. PEM. */
  key?: Pem;
  /** Passphrase of an encrypted `key`. */
  passphrase?: string;
  /** Name sent in SNI and checked against the server's certificate. @default the URL's host */
  servername?: string;
  /** Refuse a certificate that does not verify. Turning it off removes TLS's protection. @default true */
  rejectUnauthorized?: boolean;
}

/** Global settings, then the service's, field by field. */
export function mergeTls(global: TlsSettings | undefined, service: TlsSettings | undefined): TlsSettings | undefined {
  if (!global && !service) return undefined;
  return { ...global, ...service };
}

const asNode = (pem: Pem): string | Buffer | (string | Buffer)[] => {
  const one = (p: string | Uint8Array) => (typeof p === 'string' ? p : Buffer.from(p));
  return Array.isArray(pem) ? pem.map(one) : one(pem as string | Uint8Array);
};

/** undici's `connect` options (passed on to `tls.connect`) for these settings. */
export function connectOptions(tls: TlsSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (tls.ca !== undefined) out.ca = asNode(tls.ca);
  if (tls.cert !== undefined) out.cert = asNode(tls.cert);
  if (tls.key !== undefined) out.key = asNode(tls.key);
  if (tls.passphrase !== undefined) out.passphrase = tls.passphrase;
  if (tls.servername !== undefined) out.servername = tls.servername;
  if (tls.rejectUnauthorized !== undefined) out.rejectUnauthorized = tls.rejectUnauthorized;
  return out;
}
