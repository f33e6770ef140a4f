/**
 * What checking one operation needs, worked out once per operation and kept with its compiled
 * contract: each parameter's pointer, type and compiled schema, the compiled schema per request
 * media, and per response status (and content type) the compiled schema. A call then only reads
 * values and runs compiled checks; pointers and messages are built when something fails.
 */
import { type ContractSchemas, type SchemaCheck, segment } from './compile.js';
import type { ContractMedia, ContractOperation, ContractParameter, JsonSchema } from './contract.js';
import { isJsonMedia, pickMedia, responseKey } from './media.js';

/** One declared parameter, ready to check. */
export interface ParamPlan {
  readonly param: ContractParameter;
  /** Where its value is read: the header name in lower case, else the name. */
  readonly key: string;
  /** `/path/userId`, `/query/limit`, `/headers/x-tenant`, `/cookies/session`. */
  readonly pointer: string;
  /** The schema's base type (through `$ref`s), for coercing text: `integer`, `array`… */
  readonly type: string | undefined;
  /** The base type of an array's items. */
  readonly itemType: string | undefined;
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
    return {
      param,
      key: param.in === 'header' ? param.name.toLowerCase() : param.name,
      pointer: `/${where}/${segment(param.name)}`,
      type: typeOf(schemas, param.schema),
      itemType: typeOf(schemas, itemsOf(param.schema)),
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

/** Base type of a schema (through `$ref`s to components), for coercion. */
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

function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items = schema?.['items'];
  return typeof items === 'object' && items !== null ? (items as JsonSchema) : undefined;
}
