/**
 * Checks one request or response against its operation in a contract. Shared by the fake server
 * (incoming requests, handler answers) and the runtime's validation step (outgoing calls, answers).
 * Parameters arrive as text and are coerced by their schema's type before they are checked.
 */

import { type ContractSchemas, type SchemaError, segment } from './compile.js';
import type { ContractMedia, ContractOperation, JsonSchema } from './contract.js';

/** A violation before the service, status and operation are filled in. */
export interface Finding {
  readonly direction: 'request' | 'response';
  readonly pointer: string;
  readonly message: string;
}

/** A request as seen on the wire. */
export interface WireRequest {
  readonly path: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
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

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$|^[\w.+-]+\/[\w.+-]+\+json$/i;

/** Is this media type JSON (`application/json`, `application/problem+json`…)? */
export function isJsonMedia(media: string | undefined): boolean {
  return media !== undefined && JSON_MEDIA.test(media.split(';')[0]?.trim() ?? '');
}

function errorsOf(check: { errors?: readonly SchemaError[] | null }, prefix: string, direction: Finding['direction']): Finding[] {
  return (check.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' && typeof e.params['missingProperty'] === 'string' ? `/${segment(e.params['missingProperty'])}` : '';
    const pointer = `${prefix}${e.instancePath}${missing}`;
    return { direction, pointer, message: `${pointer} ${e.message ?? e.keyword}` };
  });
}

/** Base type of a parameter schema (through `$ref`s to components), for coercion. */
function typeOf(schemas: ContractSchemas, schema: JsonSchema | undefined, depth = 0): string | undefined {
  if (!schema || depth > 8) return undefined;
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    return typeOf(schemas, schemas.contract.components.schemas[ref.slice('#/components/schemas/'.length)], depth + 1);
  }
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return undefined;
}

function coerce(text: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items = schema?.['items'];
  return typeof items === 'object' && items !== null ? (items as JsonSchema) : undefined;
}

/** Checks parameters and body; returns the coerced parts and every finding. */
export function checkRequest(schemas: ContractSchemas, name: string, op: ContractOperation, wire: WireRequest): { parsed: ParsedRequest; findings: Finding[] } {
  const findings: Finding[] = [];
  const parts = { path: {} as Record<string, unknown>, query: {} as Record<string, unknown>, header: {} as Record<string, unknown> };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  op.parameters.forEach((param, i) => {
    if (param.in === 'cookie') return;
    const where = param.in === 'header' ? 'headers' : param.in;
    const pointer = `/${where}/${segment(param.name)}`;
    const type = typeOf(schemas, param.schema);
    let values: string[];
    if (param.in === 'path') values = wire.path[param.name] === undefined ? [] : [wire.path[param.name] as string];
    else if (param.in === 'query') values = wire.query.getAll(param.name);
    else values = headers[param.name.toLowerCase()] === undefined ? [] : [headers[param.name.toLowerCase()] as string];
    if (values.length === 0) {
      if (param.required) findings.push({ direction: 'request', pointer, message: `${pointer} is required` });
      return;
    }
    const value = type === 'array' ? values.map((v) => coerce(v, typeOf(schemas, itemsOf(param.schema)))) : coerce(values[0] ?? '', type);
    parts[param.in][param.name] = value;
    if (param.schema) {
      const check = schemas.check(`#/operations/${segment(name)}/parameters/${i}/schema`);
      if (!check(value)) findings.push(...errorsOf(check, pointer, 'request'));
    }
  });
  let body: unknown = wire.body;
  const text = typeof wire.body === 'string' ? wire.body : wire.body && wire.body.length > 0 ? new TextDecoder().decode(wire.body) : '';
  const declared = op.requestBody;
  if (declared) {
    const media = pickMedia(declared.content, wire.contentType);
    if (text === '') {
      body = undefined;
      if (declared.required) findings.push({ direction: 'request', pointer: '/body', message: '/body is required' });
    } else if (media && isJsonMedia(media[0])) {
      const parsed = parseJson(text);
      if (parsed.ok) {
        body = parsed.value;
        if (media[1].schema)
          findings.push(...checkMedia(schemas, `#/operations/${segment(name)}/requestBody/content/${segment(media[0])}/schema`, body, '/body', 'request'));
      } else {
        findings.push({ direction: 'request', pointer: '/body', message: `/body is not JSON: ${parsed.error}` });
      }
    } else if (!media) {
      findings.push({
        direction: 'request',
        pointer: '/body',
        message: `/body has content type ${wire.contentType ?? '(none)'}; the spec accepts ${Object.keys(declared.content).join(', ')}`,
      });
    }
  } else if (text !== '' && isJsonMedia(wire.contentType)) {
    const parsed = parseJson(text);
    body = parsed.ok ? parsed.value : text;
  }
  return { parsed: { path: parts.path, query: parts.query, headers, body }, findings };
}

/** Checks a response's status and body (`body` already parsed when JSON, else raw). */
export function checkResponse(
  schemas: ContractSchemas,
  name: string,
  op: ContractOperation,
  status: number,
  contentType: string | undefined,
  body: unknown,
): Finding[] {
  const key = responseKey(op, status);
  if (key === undefined)
    return [
      { direction: 'response', pointer: '/status', message: `/status ${status} is not a response the spec declares (${Object.keys(op.responses).join(', ')})` },
    ];
  const content = op.responses[key]?.content;
  if (!content || body === undefined || !isJsonMedia(contentType)) return [];
  const media = pickMedia(content, contentType);
  if (!media?.[1].schema) return [];
  return checkMedia(schemas, `#/operations/${segment(name)}/responses/${segment(key)}/content/${segment(media[0])}/schema`, body, '/body', 'response');
}

/** The declared response for `status`: exact, then `4XX`-style range, then `default`. */
export function responseKey(op: ContractOperation, status: number): string | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) if (op.responses[key]) return key;
  return undefined;
}

/** The declared media matching `contentType` (parameters ignored), else the first JSON one. */
export function pickMedia(content: { readonly [media: string]: ContractMedia }, contentType: string | undefined): [string, ContractMedia] | undefined {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  const entries = Object.entries(content);
  return (
    entries.find(([m]) => m.toLowerCase() === base) ??
    entries.find(([m]) => base !== undefined && (m === '*/*' || (m.endsWith('/*') && base.startsWith(m.slice(0, -1))))) ??
    (base === undefined || isJsonMedia(base) ? entries.find(([m]) => isJsonMedia(m)) : undefined)
  );
}

function checkMedia(schemas: ContractSchemas, pointer: string, value: unknown, prefix: string, direction: Finding['direction']): Finding[] {
  const check = schemas.check(pointer);
  return check(value) ? [] : errorsOf(check, prefix, direction);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
