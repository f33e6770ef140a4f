/**
 * multipart/form-data (RFC 7578), written here rather than by the platform's FormData so that the
 * media type's `encoding` object is honoured (a part's Content-Type), arrays become repeated parts,
 * and file parts that are streams are streamed, not buffered. Field names and file names are
 * escaped as the WHATWG serializer does (`"` CR LF → %22 %0D %0A).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { invalidUsage } from '../failures.js';
import type { FileInput, PartEncoding } from '../types.js';
import { isBinaryBody, isStreamBody, type WireBody } from './binary.js';

type Chunk = Uint8Array | Blob | ReadableStream<Uint8Array> | NodeJS.ReadableStream;

/** A multipart body ready to send. */
export interface Multipart {
  body: WireBody;
  contentType: string;
  /** False when a part is a stream: it can be sent once only. */
  replayable: boolean;
}

const encoder = new TextEncoder();
const escapeName = (name: string) => name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A FileInput's bytes, name and declared type. */
function fileParts(file: FileInput | Chunk | ArrayBuffer): { data: Chunk; filename: string; type: string | undefined } {
  if (file instanceof Blob) return { data: file, filename: (file as File).name ?? 'blob', type: file.type || undefined };
  if (isBinaryBody(file))
    return {
      data:
        file instanceof ArrayBuffer ? new Uint8Array(file) : ArrayBuffer.isView(file) ? new Uint8Array(file.buffer, file.byteOffset, file.byteLength) : file,
      filename: 'file',
      type: undefined,
    };
  const { data } = file as Exclude<FileInput, Blob>;
  const bytes = typeof data === 'string' ? encoder.encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  return { data: bytes, filename: (file as { filename?: string }).filename ?? 'file', type: (file as { contentType?: string }).contentType };
}

/** One concrete type from an encoding's `contentType`, which may list several or use wildcards. */
function declaredType(encoding: PartEncoding | undefined): string | undefined {
  const first = encoding?.contentType
    ?.split(',')
    .map((t) => t.trim())
    .find((t) => t !== '' && !t.includes('*'));
  return first;
}

/** Bytes, or a `{ data: bytes, filename?, contentType? }` file: a file part even among the fields. */
const isFileLike = (value: unknown) => isBinaryBody(value) || (typeof value === 'object' && value !== null && isBinaryBody((value as { data?: unknown }).data));

class Writer {
  readonly chunks: Chunk[] = [];
  constructor(readonly boundary: string) {}

  part(name: string, data: Chunk, contentType: string | undefined, filename?: string): void {
    let head = `--${this.boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (filename !== undefined) head += `; filename="${escapeName(filename)}"`;
    if (contentType !== undefined) {
      if (/[\r\n\0]/.test(contentType)) throw invalidUsage(`The content type of part "${name}" contains CR, LF or NUL.`);
      head += `\r\nContent-Type: ${contentType}`;
    }
    this.chunks.push(encoder.encode(`${head}\r\n\r\n`), data, encoder.encode('\r\n'));
  }

  /** A field: primitives as text (no Content-Type unless the encoding gives one), objects as JSON. */
  field(name: string, value: unknown, encoding: PartEncoding | undefined): void {
    if (isFileLike(value)) return this.file(name, value as FileInput, encoding);
    const type = declaredType(encoding);
    if (typeof value === 'object' && value !== null) this.part(name, encoder.encode(JSON.stringify(value)), type ?? 'application/json');
    else this.part(name, encoder.encode(String(value)), type);
  }

  file(name: string, file: FileInput, encoding: PartEncoding | undefined): void {
    const { data, filename, type } = fileParts(file);
    this.part(name, data, type ?? declaredType(encoding) ?? 'application/octet-stream', filename);
  }
}

/** Every chunk in order, streams included, as one async iterable for undici. */
async function* concat(chunks: readonly Chunk[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    if (chunk instanceof Uint8Array) yield chunk;
    else if (chunk instanceof Blob) yield* Readable.fromWeb(chunk.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
    else yield* chunk as AsyncIterable<Uint8Array>;
  }
}

/**
 * Encode `fields` (an object) and `files` as multipart/form-data. `encoding` is the media type's
 * encoding object; `subtype` the spec's multipart media type (`multipart/form-data` by default).
 */
export function encodeMultipart(
  fields: unknown,
  files: Record<string, FileInput | readonly FileInput[]> | undefined,
  encoding: { readonly [property: string]: PartEncoding } = {},
  subtype = 'multipart/form-data',
): Multipart {
  if (fields !== undefined && fields !== null && (typeof fields !== 'object' || Array.isArray(fields) || isBinaryBody(fields))) {
    throw invalidUsage('A multipart body must be an object of fields.');
  }
  const writer = new Writer(`svc-gen-${randomUUID()}`);
  const enc = (name: string) => (Object.hasOwn(encoding, name) ? encoding[name] : undefined);
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) writer.field(name, item, enc(name));
  }
  for (const [name, entry] of Object.entries(files ?? {})) {
    for (const file of Array.isArray(entry) ? (entry as readonly FileInput[]) : [entry as FileInput]) writer.file(name, file, enc(name));
  }
  writer.chunks.push(encoder.encode(`--${writer.boundary}--\r\n`));
  const contentType = `${subtype}; boundary=${writer.boundary}`;
  if (writer.chunks.some(isStreamBody)) return { body: concat(writer.chunks), contentType, replayable: false };
  if (writer.chunks.some((c) => c instanceof Blob)) return { body: new Blob(writer.chunks as (Uint8Array | Blob)[]), contentType, replayable: true };
  return { body: Buffer.concat(writer.chunks as Uint8Array[]), contentType, replayable: true };
}
