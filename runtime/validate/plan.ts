/**
 * What checking one operation needs, worked out once per operation and kept with its compiled
 * contract: each parameter's pointer, type and compiled schema, the compiled schema per request
 * media, and per response status (and content type) the compiled schema. A call then only reads
 * values and runs compiled checks; pointers and messages are built when something fails.
 */

import { isJsonMedia } from '../json-media.js';
import { type ContractSchemas, type SchemaCheck, segment } from './compile.js';
import type { ContractMedia, ContractOperation, ContractParameter, JsonSchema } from './contract.js';
import { pickMedia, responseKey } from './media.js';
import type { ParamShape } from './param-values.js';

/** One declared parameter, ready to read and check. */
export interface ParamPlan extends ParamShape {
  readonly param: ContractParameter;
  /** `/path/userId`, `/query/limit`, `/headers/x-tenant`, `/cookies/session`. */
  readonly pointer: string;
  /** The base type of an array's items, for coercion. */
  readonly itemType: string | undefined;
  /** The base types of an object's properties, for coercion. */
  readonly propTypes: { readonly [name: string]: string | undefined };
  /** A `content` parameter whose media is JSON: its text is parsed before the check. */
  readonly json: boolean;
  readonly check: SchemaCheck | undefined;
}

/** One declared media type of a body: its compiled schema, when it has one and is JSON. */
export interface MediaPlan {
  readonly media: string;
  /** The declared media is JSON: a request body is parsed and checked. */
  readonly declaredJson: boolean;
  /** The content type it was looked up by is JSON: a response body was parsed and can be checked. */
  readonly sentJson: boolean;
  readonly check: SchemaCheck | undefined;
}

/** One declared response (`200`, `4XX`, `default`) and its media, matched by content type on demand. */
export interface ResponsePlan {
  readonly key: string;
  /** The media for a content type (cached per content type); undefined when the response declares none that fits. */
  media(contentType: string | undefined): MediaPlan | undefined;
}

/** Everything needed to check one operation's requests and responses. */
export interface OperationPlan {
  readonly name: string;
  readonly op: ContractOperation;
  readonly params: readonly ParamPlan[];
  readonly hasQuery: boolean;
  readonly hasCookie: boolean;
  /** The declared request media for a content type (cached per content type). */
  requestMedia(contentType: string | undefined): MediaPlan | undefined;
  /** The declared response for a status (exact, range, default), cached per status. */
  response(status: number): ResponsePlan | undefined;
}

const plans = new WeakMap<ContractSchemas, Map<string, OperationPlan>>();

/** The plan of operation `name` of a compiled contract, built on first use. */
export function operationPlan(schemas: ContractSchemas, name: string): OperationPlan {
  let byName = plans.get(schemas);
  if (!byName) plans.set(schemas, (byName = new Map()));
  let plan = byName.get(name);
  if (!plan) byName.set(name, (plan = buildPlan(schemas, name)));
  return plan;
}

function buildPlan(schemas: ContractSchemas, name: string): OperationPlan {
  const op = schemas.contract.operations[name];
  if (!op) throw new Error(`svc-gen: no operation ${name} in the contract of ${schemas.contract.service}`);
  const base = `#/operations/${segment(name)}`;
  const params = op.parameters.map((param, i): ParamPlan => {
    const where = param.in === 'header' ? 'headers' : param.in === 'cookie' ? 'cookies' : param.in;
    const style = param.style ?? (param.in === 'query' || param.in === 'cookie' ? 'form' : 'simple');
    const resolved = resolve(schemas, param.schema);
    const declared = resolved?.['properties'];
    const props: Readonly<Record<string, JsonSchema>> = isSchema(declared) ? (declared as Record<string, JsonSchema>) : {};
    const properties = Object.keys(props);
    return {
      param,
      name: param.name,
      key: param.in === 'header' ? param.name.toLowerCase() : param.name,
      in: param.in,
      style,
      explode: param.explode ?? (style === 'form' || style === 'cookie'),
      type: typeOf(schemas, param.schema),
      properties,
      content: param.content !== undefined,
      pointer: `/${where}/${segment(param.name)}`,
      itemType: typeOf(schemas, itemsOf(resolved)),
      propTypes: Object.fromEntries(properties.map((name) => [name, typeOf(schemas, props[name])])),
      json: param.content !== undefined && isJsonMedia(param.content),
      check: param.schema ? schemas.check(`${base}/parameters/${i}/schema`) : undefined,
    };
  });
  const requestMedia = op.requestBody ? mediaCache(schemas, `${base}/requestBody/content`, op.requestBody.content) : () => undefined;
  const responses = new Map<number, ResponsePlan | undefined>();
  return {
    name,
    op,
    params,
    hasQuery: params.some((p) => p.param.in === 'query'),
    hasCookie: params.some((p) => p.param.in === 'cookie'),
    requestMedia,
    response(status) {
      if (responses.has(status)) return responses.get(status);
      const key = responseKey(op, status);
      const content = key === undefined ? undefined : op.responses[key]?.content;
      const plan =
        key === undefined ? undefined : { key, media: content ? mediaCache(schemas, `${base}/responses/${segment(key)}/content`, content) : () => undefined };
      responses.set(status, plan);
      return plan;
    },
  };
}

/** `contentType → MediaPlan` for one `content` map, each schema compiled on first use. */
function mediaCache(
  schemas: ContractSchemas,
  pointer: string,
  content: { readonly [media: string]: ContractMedia },
): (contentType: string | undefined) => MediaPlan | undefined {
  const byType = new Map<string | undefined, MediaPlan | undefined>();
  return (contentType) => {
    if (byType.has(contentType)) return byType.get(contentType);
    const found = pickMedia(content, contentType);
    const plan = found && {
      media: found[0],
      declaredJson: isJsonMedia(found[0]),
      sentJson: isJsonMedia(contentType),
      check: found[1].schema ? schemas.check(`${pointer}/${segment(found[0])}/schema`) : undefined,
    };
    byType.set(contentType, plan);
    return plan;
  };
}

/** A schema with its `$ref`s to components followed. */
function resolve(schemas: ContractSchemas, schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  const ref = schema?.['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/') || depth > 8) return schema;
  return resolve(schemas, schemas.contract.components.schemas[ref.slice('#/components/schemas/'.length)], depth + 1);
}

/** Base type of a schema (through `$ref`s to components), for coercion. */
function typeOf(schemas: ContractSchemas, schema: JsonSchema | undefined): string | undefined {
  const type = resolve(schemas, schema)?.['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items = schema?.['items'];
  return isSchema(items) ? items : undefined;
}
