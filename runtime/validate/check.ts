/**
 * Checks one request or response against its operation in a contract. Shared by the fake server
 * (incoming requests, handler answers) and the runtime's validation step (outgoing calls, answers).
 * Parameters arrive as text and are coerced by their schema's type before they are checked.
 * A valid call allocates no finding, pointer or message: those are built only on failure.
 */

import { isJsonMedia } from '../json-media.js';
import type { ContractSchemas, SchemaError } from './compile.js';
import { segment } from './compile.js';
import type { ContractOperation } from './contract.js';
import { type ParamSources, type RawValue, readParam } from './param-values.js';
import { type OperationPlan, operationPlan, type ParamPlan } from './plan.js';

/** A violation before the service, status and operation are filled in. */
export interface Finding {
  readonly direction: 'request' | 'response';
  readonly pointer: string;
  readonly message: string;
}

/** A request as seen on the wire. */
export interface WireRequest {
  readonly path: Record<string, string>;
  /** The query string's pairs; undefined when there is none. */
  readonly query: URLSearchParams | undefined;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array | null;
}

/** The request's parts, coerced (`{ path, query, headers, body }` of fake handlers). */
export interface ParsedRequest {
  readonly path: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const NONE: readonly Finding[] = Object.freeze([]);
const decoder = new TextDecoder();

function errorsOf(check: { errors?: readonly SchemaError[] | null }, prefix: string, direction: Finding['direction']): Finding[] {
  return (check.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' && typeof e.params['missingProperty'] === 'string' ? `/${segment(e.params['missingProperty'])}` : '';
    const pointer = `${prefix}${e.instancePath}${missing}`;
    return { direction, pointer, message: `${pointer} ${e.message ?? e.keyword}` };
  });
}

function coerce(text: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The value of a parameter as its schema sees it: JSON of a `content` parameter, else text coerced by type. */
function paramValue(p: ParamPlan, raw: RawValue, findings: Finding[]): { ok: true; value: unknown } | { ok: false } {
  if (typeof raw === 'string') {
    if (!p.json) return { ok: true, value: p.content ? raw : coerce(raw, p.type) };
    try {
      return { ok: true, value: JSON.parse(raw) };
    } catch (error) {
      findings.push({ direction: 'request', pointer: p.pointer, message: `${p.pointer} is not JSON: ${(error as Error).message}` });
      return { ok: false };
    }
  }
  if (Array.isArray(raw)) return { ok: true, value: p.type === 'array' ? raw.map((v) => coerce(v, p.itemType)) : coerce(raw[0] ?? '', p.type) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = coerce(v, p.propTypes[k]);
  return { ok: true, value: out };
}

/** The cookie header's pairs (`a=1; b=2`) as form pairs. */
function cookiesOf(wire: WireRequest): URLSearchParams | undefined {
  const header = headerText(wire.headers['cookie']);
  return header === undefined ? undefined : new URLSearchParams(header.split(/;\s*/).join('&'));
}

/** Checks the parameters; fills `into` (the fake's parsed parts) when given. */
function checkParams(plan: OperationPlan, wire: WireRequest, into: { [where: string]: Record<string, unknown> } | undefined, findings: Finding[]): void {
  const sources: ParamSources = {
    path: wire.path,
    query: wire.query,
    cookies: plan.hasCookie ? cookiesOf(wire) : undefined,
    header: (key) => headerText(wire.headers[key]),
  };
  for (const p of plan.params) {
    const raw = readParam(p, sources);
    if (raw === undefined) {
      if (p.param.required) findings.push({ direction: 'request', pointer: p.pointer, message: `${p.pointer} is required` });
      continue;
    }
    const read = paramValue(p, raw, findings);
    if (!read.ok) continue;
    if (into) (into[p.param.in] ??= {})[p.param.name] = read.value;
    if (p.check && !p.check(read.value)) findings.push(...errorsOf(p.check, p.pointer, 'request'));
  }
}

/** Checks the body: returns it parsed when JSON (else as text), or undefined when empty. */
function checkBody(plan: OperationPlan, wire: WireRequest, findings: Finding[]): unknown {
  const text = typeof wire.body === 'string' ? wire.body : wire.body && wire.body.length > 0 ? decoder.decode(wire.body) : '';
  const declared = plan.op.requestBody;
  if (!declared) return text !== '' && isJsonMedia(wire.contentType) ? parseJson(text, text) : wire.body;
  if (text === '') {
    if (declared.required) findings.push({ direction: 'request', pointer: '/body', message: '/body is required' });
    return undefined;
  }
  const media = plan.requestMedia(wire.contentType);
  if (!media) {
    findings.push({
      direction: 'request',
      pointer: '/body',
      message: `/body has content type ${wire.contentType ?? '(none)'}; the spec accepts ${Object.keys(declared.content).join(', ')}`,
    });
    return wire.body;
  }
  if (!media.declaredJson) return wire.body;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    findings.push({ direction: 'request', pointer: '/body', message: `/body is not JSON: ${(error as Error).message}` });
    return wire.body;
  }
  if (media.check && !media.check(body)) findings.push(...errorsOf(media.check, '/body', 'request'));
  return body;
}

function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Checks parameters and body; returns the coerced parts (for fake handlers) and every finding. */
export function checkRequest(
  schemas: ContractSchemas,
  name: string,
  _op: ContractOperation,
  wire: WireRequest,
): { parsed: ParsedRequest; findings: Finding[] } {
  const plan = operationPlan(schemas, name);
  const findings: Finding[] = [];
  const parts: { [where: string]: Record<string, unknown> } = { path: {}, query: {}, header: {} };
  checkParams(plan, wire, parts, findings);
  const body = checkBody(plan, wire, findings);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.headers)) if (v !== undefined) headers[k] = headerText(v) as string;
  return { parsed: { path: parts['path'] ?? {}, query: parts['query'] ?? {}, headers, body }, findings };
}

/** The findings of an outgoing request (the validation step): nothing is collected for a handler. */
export function requestFindings(plan: OperationPlan, wire: WireRequest): readonly Finding[] {
  const findings: Finding[] = [];
  checkParams(plan, wire, undefined, findings);
  if (wire.body !== null || plan.op.requestBody?.required) checkBody(plan, wire, findings);
  return findings.length === 0 ? NONE : findings;
}

/** The findings of a response (`body` already parsed when JSON, else undefined). */
export function responseFindings(plan: OperationPlan, status: number, contentType: string | undefined, body: unknown): readonly Finding[] {
  const declared = plan.response(status);
  if (!declared) {
    return [
      {
        direction: 'response',
        pointer: '/status',
        message: `/status ${status} is not a response the spec declares (${Object.keys(plan.op.responses).join(', ')})`,
      },
    ];
  }
  if (body === undefined) return NONE;
  const media = declared.media(contentType);
  if (!media?.check || !media.sentJson) return NONE;
  return media.check(body) ? NONE : errorsOf(media.check, '/body', 'response');
}

/** Checks a response's status and body (`body` already parsed when JSON, else raw). */
export function checkResponse(
  schemas: ContractSchemas,
  name: string,
  _op: ContractOperation,
  status: number,
  contentType: string | undefined,
  body: unknown,
): readonly Finding[] {
  return responseFindings(operationPlan(schemas, name), status, contentType, body);
}
