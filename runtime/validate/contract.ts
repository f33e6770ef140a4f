/**
 * The contract the generator emits per service (`<out>/<service>/contract.ts`): every operation's
 * parameters, bodies and responses with their schemas already in JSON Schema 2020-12 form (OpenAPI
 * 3.0's `nullable` and boolean `exclusiveMinimum` rewritten, annotations dropped), so the runtime only
 * compiles it, lazily, when validation is switched on. Plain data: importing it loads nothing.
 */

/** A JSON Schema (2020-12) object, as emitted. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One declared parameter. */
export interface ContractParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  /** The value's schema; for a `content` parameter, its media's schema. */
  readonly schema?: JsonSchema;
  /** How the value is serialized, when not the location's default (path/header `simple`, query/cookie `form`). */
  readonly style?: 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'cookie';
  /** `explode`, when not the style's default (true for `form` and `cookie`, else false). */
  readonly explode?: boolean;
  /** The media type of a `content` parameter (its value is that text, JSON for `application/json`). */
  readonly content?: string;
}

/** One media type of a body: its schema and, for responses, the spec's example. */
export interface ContractMedia {
  readonly schema?: JsonSchema;
  /** The media's `example`, or the value of its first `examples` entry. */
  readonly example?: unknown;
}

/** One operation, keyed by its generated method name in `Contract.operations`. */
export interface ContractOperation {
  readonly operationId: string;
  readonly method: string;
  /** The spec's path template, e.g. `/users/{userId}`. */
  readonly path: string;
  readonly parameters: readonly ContractParameter[];
  readonly requestBody?: { readonly required: boolean; readonly content: { readonly [media: string]: ContractMedia } };
  /** By status code, `1XX`…`5XX` range or `default`. */
  readonly responses: { readonly [status: string]: { readonly content?: { readonly [media: string]: ContractMedia } } };
}

/** Everything needed to validate one service's requests and responses. */
export interface Contract {
  readonly service: string;
  /** `components.schemas`, the targets of every `$ref` left in the schemas (`#/components/schemas/…`). */
  readonly components: { readonly schemas: { readonly [name: string]: JsonSchema } };
  readonly operations: { readonly [methodName: string]: ContractOperation };
}

/** A request or response that does not match the spec. */
export interface ContractViolation {
  readonly service: string;
  /** The operation's generated method name, or `METHOD path` when no operation matched. */
  readonly operation: string;
  readonly direction: 'request' | 'response';
  /** The response status, or the status a fake answered the bad request with; undefined when none yet. */
  readonly status: number | undefined;
  /** JSON pointer into the request or response: `/body/email`, `/query/limit`, `/path/userId`, `/status`. */
  readonly pointer: string;
  readonly message: string;
}
