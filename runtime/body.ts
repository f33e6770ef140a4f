/**
 * Request bodies (JSON, form, multipart, text, binary); response bodies are decoded in response.ts.
 * Multipart is encoded by the platform's own FormData serializer; it is off the hot path.
 */
import type { BodyType, FileInput } from './types.js';

export interface EncodedBody {
  body: string | Uint8Array | null;
  contentType?: string;
}

function asBlob(file: FileInput): { blob: Blob; filename: string } {
  if (file instanceof Blob) return { blob: file, filename: (file as File).name ?? 'blob' };
  const options = file.contentType ? { type: file.contentType } : {};
  return { blob: new Blob([file.data], options), filename: file.filename ?? 'file' };
}

function fieldText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** multipart/form-data with the payload's fields beside the files. */
export async function encodeMultipart(
  fields: unknown,
  files: Record<string, FileInput | readonly FileInput[]> | undefined,
): Promise<EncodedBody> {
  const form = new FormData();
  if (fields && typeof fields === 'object') {
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, fieldText(item));
    }
  }
  for (const [name, entry] of Object.entries(files ?? {})) {
    for (const file of Array.isArray(entry) ? entry : [entry as FileInput]) {
      const { blob, filename } = asBlob(file);
      form.append(name, blob, filename);
    }
  }
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType };
}

/** Encode a body of the given type; `undefined` sends no body. */
export function encodeBody(type: BodyType, body: unknown): EncodedBody | Promise<EncodedBody> {
  if (body === undefined) return { body: null };
  switch (type) {
    case 'form': {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) form.append(name, fieldText(item));
      }
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'multipart':
      return encodeMultipart(body, undefined);
    case 'text':
      return { body: String(body), contentType: 'text/plain;charset=utf-8' };
    case 'binary':
      return { body: body instanceof Uint8Array ? body : new TextEncoder().encode(String(body)), contentType: 'application/octet-stream' };
    default:
      return { body: JSON.stringify(body), contentType: 'application/json' };
  }
}

// Response decoding lives in response.ts; re-exported for code that imported it from here.
export { decodeBody, isJsonResponse } from './response.js';
