/**
 * The transport's own refusals, as `APIException`s marked `retryable: false`: another attempt
 * against the same upstream would fail the same way (a certificate does not become valid, a body
 * does not shrink), so they are neither retried nor a reason to wait.
 */
import { APIException, errorCode } from '../errors.js';

type Headers = Record<string, string | string[] | undefined>;

/** The body passed the size cap (502, `response_too_large`); the connection is dropped, not reused. */
export function responseTooLarge(limit: number, seen: number, decoded: boolean, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('response_too_large'),
    message: 'Response too large',
    description: `The response body${decoded ? ' (decompressed)' : ''} reached ${seen} bytes, over maxResponseBytes (${limit}); the connection was closed.`,
    headers,
    retryable: false,
  });
}

/** A content coding we cannot decode (502, `client_payload_error`). */
export function unsupportedCoding(name: string, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('client_payload_error'),
    message: 'Invalid response body',
    description: `The response uses content-encoding ${JSON.stringify(name.slice(0, 40))}; only gzip, deflate and br are decoded.`,
    headers,
    retryable: false,
  });
}

/** A compressed body that does not decode (502, `client_payload_error`). */
export function badCoding(cause: Error, headers: Headers): APIException {
  return new APIException({
    statusCode: 502,
    errorCode: errorCode('client_payload_error'),
    message: 'Invalid response body',
    description: `The response body does not decode as its content-encoding says: ${cause.message}`,
    headers,
    cause,
  });
}

/** No body byte arrived for `ms` while the caller was reading a streamed body (503, `service_timeout`). */
export function bodyIdle(ms: number): APIException {
  return new APIException({
    statusCode: 503,
    errorCode: errorCode('service_timeout'),
    message: 'Service timed out',
    description: `No response body bytes for ${ms} ms (bodyIdleTimeout).`,
  });
}

/** Error codes of certificate, hostname and handshake failures (Node's tls and OpenSSL's names). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function tlsCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && TLS_CODE.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * A TLS refusal (503, `transport_error`, the reason in the description), or undefined when the
 * error is something else. ALPN failures say which switch to turn.
 */
export function tlsFailure(error: unknown, http2: boolean): APIException | undefined {
  const code = tlsCode(error);
  if (!code) return undefined;
  const alpn = code.includes('NO_APPLICATION_PROTOCOL');
  const hint = alpn
    ? http2
      ? ' The server accepts neither h2 nor http/1.1.'
      : ' The server offers no protocol we asked for: if it speaks only HTTP/2, set `http2: true` for this service.'
    : '';
  return new APIException({
    statusCode: 503,
    errorCode: errorCode('transport_error'),
    message: 'Transport error',
    description: `TLS ${code}: ${(error as Error).message}.${hint}`,
    cause: error,
    retryable: false,
  });
}
