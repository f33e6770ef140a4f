/**
 * Request bodies as their media type says: JSON (any `+json`, merge-patch, json-patch), text, bytes,
 * form and multipart, each sent with the content type the spec names (wildcards resolved).
 */
import { invalidUsage } from '../failures.js';
import type { FileInput, MediaSpec } from '../types.js';
import { blobType, isBinaryBody, type WireBody, wireBinary } from './binary.js';
import { encodeForm } from './form.js';
import { encodeMultipart } from './multipart.js';

/** A body ready to send. */
export interface EncodedBody {
  body: WireBody;
  contentType?: string;
  /** False for streams: the transport can send them once only, so the call is not retried. */
  replayable: boolean;
}

const NO_BODY: EncodedBody = { body: null, replayable: true };

/** A spec's media type with no wildcard, else the usual type of the family. */
function concrete(mediaType: string | undefined, fallback: string): string {
  return mediaType === undefined || mediaType.includes('*') ? fallback : mediaType;
}

/** The bytes of a binary body: bytes, a Blob or a stream (text is sent as UTF-8). */
function binary(body: unknown, mediaType: string | undefined): EncodedBody {
  if (typeof body === 'string') return { body: new TextEncoder().encode(body), contentType: concrete(mediaType, 'application/octet-stream'), replayable: true };
  if (!isBinaryBody(body)) throw invalidUsage('A binary body must be a Uint8Array, ArrayBuffer, Blob or stream.');
  const wire = wireBinary(body);
  return { ...wire, contentType: concrete(mediaType, blobType(body) ?? 'application/octet-stream') };
}

/**
 * Encode `body` for the chosen media type; `mediaType` is the spec's key (undefined: the family's
 * default type). `files` are extra multipart parts. `undefined` (and no files) sends no body.
 */
export function encodeBody(
  spec: MediaSpec,
  mediaType: string | undefined,
  body: unknown,
  files?: Record<string, FileInput | readonly FileInput[]>,
): EncodedBody {
  if (body === undefined && files === undefined) return NO_BODY;
  switch (spec.type) {
    case 'multipart':
      return encodeMultipart(body, files, spec.encoding, concrete(mediaType, 'multipart/form-data'));
    case 'form':
      return { body: encodeForm(body, spec.encoding), contentType: concrete(mediaType, 'application/x-www-form-urlencoded'), replayable: true };
    case 'text':
      if (isBinaryBody(body)) return binary(body, concrete(mediaType, 'text/plain'));
      if (typeof body === 'object' && body !== null) throw invalidUsage(`A ${mediaType ?? 'text'} body must be a string, not an object.`);
      return { body: String(body), contentType: concrete(mediaType, 'text/plain'), replayable: true };
    case 'binary':
      return binary(body, mediaType);
    default:
      if (isBinaryBody(body)) throw invalidUsage(`A ${mediaType ?? 'JSON'} body cannot be bytes; pick a binary content type.`);
      return { body: JSON.stringify(body), contentType: concrete(mediaType, 'application/json'), replayable: true };
  }
}

/**
 * httpDispatch's payload (Insanic's `payload`/`files`): files make it multipart; bytes (Buffer,
 * Uint8Array, Blob, stream) are sent as they are, typed by `contentType`, else the Blob's type,
 * else application/octet-stream; anything else is JSON.
 */
export function encodePayload(
  payload: unknown,
  files: Record<string, FileInput | readonly FileInput[]> | undefined,
  contentType: string | undefined,
): EncodedBody {
  if (files) return encodeMultipart(payload, files);
  if (isBinaryBody(payload)) return binary(payload, contentType);
  return encodeBody({ type: 'json' }, contentType, payload);
}
