/**
 * A bundled document + its service model → the `Contract` the runtime validates with (one per
 * service, emitted as `<out>/<service>/contract.ts`). Operations are keyed by the generated method
 * name; parameters (path-item ones merged, operation ones winning), bodies and responses are
 * dereferenced; schemas are converted to JSON Schema 2020-12 (json-schema.ts). Pure and deterministic:
 * keys keep the spec's order.
 */
import type { Contract, ContractMedia, ContractOperation, ContractParameter, JsonSchema } from '@svc-gen/runtime';
import type { ServiceModel } from '../model/model-types.js';
import { deref, isObject } from '../model/resolve.js';
import { toJsonSchema } from './json-schema.js';

type Json = Record<string, unknown>;

/** Builds the contract of `service` from the document it was modelled from. */
export function buildContract(doc: Json, service: ServiceModel): Contract {
  const is30 = typeof doc['openapi'] === 'string' && doc['openapi'].startsWith('3.0');
  const schema = (s: unknown) => toSchema(doc, s, is30);
  const components = isObject(doc['components']) && isObject(doc['components']['schemas']) ? doc['components']['schemas'] : {};
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const operations: Record<string, ContractOperation> = {};
  for (const model of service.operations) {
    const pathItem = deref(doc, paths[model.path]) ?? {};
    const op = deref(doc, pathItem[model.method.toLowerCase()]) ?? {};
    const requestBody = deref(doc, op['requestBody']);
    operations[model.methodName] = {
      operationId: model.operationId,
      method: model.method,
      path: model.path,
      parameters: parameters(doc, pathItem, op, schema),
      ...(requestBody ? { requestBody: { required: requestBody['required'] === true, content: content(doc, requestBody['content'], schema, false) } } : {}),
      responses: responses(doc, op, schema),
    };
  }
  return {
    service: service.name,
    components: { schemas: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, schema(v)])) },
    operations,
  };
}

function toSchema(doc: Json, s: unknown, is30: boolean): JsonSchema {
  return toJsonSchema(doc, s, is30) as JsonSchema;
}

const DEFAULT_STYLE: Record<ContractParameter['in'], string> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

/** Path-item parameters overridden by the operation's (same name and location). */
function parameters(doc: Json, pathItem: Json, op: Json, schema: (s: unknown) => JsonSchema): ContractParameter[] {
  const byKey = new Map<string, ContractParameter>();
  for (const list of [pathItem['parameters'], op['parameters']]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(doc, raw);
      if (!p || typeof p['name'] !== 'string' || !['path', 'query', 'header', 'cookie'].includes(String(p['in']))) continue;
      const where = p['in'] as ContractParameter['in'];
      // A `content` parameter is its media's text (JSON for application/json), checked by that media's schema.
      const media = isObject(p['content']) ? Object.keys(p['content'])[0] : undefined;
      const valueSchema = media !== undefined ? deref(doc, (p['content'] as Json)[media])?.['schema'] : p['schema'];
      const style = typeof p['style'] === 'string' && p['style'] !== DEFAULT_STYLE[where] ? p['style'] : undefined;
      const explode =
        typeof p['explode'] === 'boolean' && p['explode'] !== ((style ?? DEFAULT_STYLE[where]) === 'form' || style === 'cookie') ? p['explode'] : undefined;
      byKey.set(`${where}:${where === 'header' ? p['name'].toLowerCase() : p['name']}`, {
        name: p['name'],
        in: where,
        required: where === 'path' || p['required'] === true,
        ...(valueSchema !== undefined ? { schema: schema(valueSchema) } : {}),
        ...(media === undefined && style !== undefined ? { style: style as NonNullable<ContractParameter['style']> } : {}),
        ...(media === undefined && explode !== undefined ? { explode } : {}),
        ...(media !== undefined ? { content: media } : {}),
      });
    }
  }
  return [...byKey.values()];
}

function content(doc: Json, raw: unknown, schema: (s: unknown) => JsonSchema, withExample: boolean): Record<string, ContractMedia> {
  const out: Record<string, ContractMedia> = {};
  if (!isObject(raw)) return out;
  for (const [media, value] of Object.entries(raw)) {
    const m = deref(doc, value) ?? {};
    const example = withExample ? exampleOf(doc, m) : undefined;
    out[media] = { ...(m['schema'] !== undefined ? { schema: schema(m['schema']) } : {}), ...(example !== undefined ? { example } : {}) };
  }
  return out;
}

/** The media's `example`, else its first `examples` entry's `value`. */
function exampleOf(doc: Json, media: Json): unknown {
  if (media['example'] !== undefined) return media['example'];
  if (!isObject(media['examples'])) return undefined;
  for (const entry of Object.values(media['examples'])) {
    const e = deref(doc, entry);
    if (e && e['value'] !== undefined) return e['value'];
  }
  return undefined;
}

function responses(doc: Json, op: Json, schema: (s: unknown) => JsonSchema): ContractOperation['responses'] {
  const out: Record<string, { content?: Record<string, ContractMedia> }> = {};
  if (!isObject(op['responses'])) return out;
  for (const [status, raw] of Object.entries(op['responses'])) {
    const r = deref(doc, raw) ?? {};
    out[status.toUpperCase()] = isObject(r['content']) ? { content: content(doc, r['content'], schema, true) } : {};
  }
  return out;
}
