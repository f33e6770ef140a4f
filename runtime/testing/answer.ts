/**
 * What a fake sends: a handler's answer, the spec's example, or the fake's own JSON errors
 * (unknown route, invalid request, fault, no handler), encoded as the declared media type.
 */
import type { ServerResponse } from 'node:http';
import { isJsonMedia } from '../json-media.js';
import type { ContractOperation } from '../validate/contract.js';
import { pickMedia, responseKey } from '../validate/media.js';

/** A response to send. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The spec's example for `op`: the first declared status (2xx first) whose media has one. */
export function exampleAnswer(op: ContractOperation): Answer | undefined {
  const keys = Object.keys(op.responses).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) {
    for (const [media, m] of Object.entries(op.responses[key]?.content ?? {})) {
      if (m.example !== undefined) return { status: statusOf(key), body: m.example, headers: { 'content-type': media } };
    }
  }
  return undefined;
}

function rank(key: string): number {
  if (/^2\d\d$/.test(key)) return Number(key) - 1000;
  if (key === '2XX') return -500;
  return /^\d{3}$/.test(key) ? Number(key) : 1000;
}

function statusOf(key: string): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^[1-5]XX$/.test(key)) return Number(key[0]) * 100;
  return 200; // default
}

/** The content type to send `answer` with: the handler's, else the spec's for that status, else JSON. */
export function contentTypeOf(op: ContractOperation | undefined, answer: Answer): string | undefined {
  const given = Object.entries(answer.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (given) return given;
  if (answer.body === undefined) return undefined;
  const key = op ? responseKey(op, answer.status) : undefined;
  const content = key && op ? op.responses[key]?.content : undefined;
  const media = content ? (pickMedia(content, undefined)?.[0] ?? Object.keys(content)[0]) : undefined;
  if (media && !media.includes('*')) return media;
  return answer.body instanceof Uint8Array
    ? 'application/octet-stream'
    : typeof answer.body === 'string' && !isJsonMedia(media) && media !== undefined
      ? 'text/plain'
      : 'application/json';
}

/** Writes `answer`: JSON media gets `JSON.stringify(body)`; other media get bytes or text as given. */
export function send(res: ServerResponse, op: ContractOperation | undefined, answer: Answer): void {
  const type = contentTypeOf(op, answer);
  const headers: Record<string, string> = { ...answer.headers };
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
  let payload: string | Uint8Array = '';
  if (answer.body !== undefined) {
    payload =
      answer.body instanceof Uint8Array ? answer.body : typeof answer.body === 'string' && !isJsonMedia(type) ? answer.body : JSON.stringify(answer.body);
  }
  if (type) headers['content-type'] = type;
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** The fake's own error body: `{ error, message, ...details }`. */
export function fakeError(status: number, error: string, message: string, details: Record<string, unknown> = {}): Answer {
  return { status, body: { error, message, ...details }, headers: { 'content-type': 'application/json' } };
}
