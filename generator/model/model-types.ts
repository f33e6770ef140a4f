/**
 * The normalised model render works from: services and operations only (openapi-typescript owns
 * every schema → type question). Names here are already safe identifiers; raw spec strings
 * (paths, ids, docs) stay raw and are escaped by the render helpers for the place they land in.
 * Type expressions (`type` fields) are TypeScript built by the model with every key escaped.
 */
import type { BodyType, HttpMethod, MediaSpec, ParamLocation, ParamStyle, ResponseType } from '@svc-gen/runtime';

/** One part of a method's `params` argument. */
export interface ParamPart {
  readonly key: 'path' | 'query' | 'headers' | 'cookies' | 'body' | 'files';
  readonly required: boolean;
  /** TypeScript type expression for this part. */
  readonly type: string;
}

/** The request parts of one request media type (operations with several). */
export interface BodyVariant {
  /** The media type as the spec names it (raw; escaped on render). */
  readonly contentType: string;
  readonly parts: readonly ParamPart[];
}

/** One parameter's serialization facts, for the template (raw strings: escaped on render). */
export interface ParamFacts {
  readonly name: string;
  readonly in: ParamLocation;
  /** null: the location's default style. */
  readonly style: ParamStyle | null;
  /** `explode` differs from the style's default (true only for form/cookie). */
  readonly explodeTrue: boolean;
  readonly explodeFalse: boolean;
  readonly allowReserved: boolean;
  readonly allowEmptyValue: boolean;
  /** Media type of a `content` parameter. */
  readonly content: string | null;
  /** The document's Style Examples are the 3.0.0–3.0.3/3.1.0 ones, and this style's bytes differ there. */
  readonly legacy: boolean;
}

/** One operation → one method. */
export interface OperationModel {
  /** Safe, unique method name. */
  readonly methodName: string;
  /** Safe PascalCase prefix for this operation's exported type aliases. */
  readonly typeName: string;
  /** Raw operationId (or the derived method name when the spec has none). */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Raw path template, e.g. `/users/{id}` (shown in docs; openapi-typescript's `paths` key). */
  readonly path: string;
  /** The template as the runtime sends it: `path` with characters a URL path cannot hold percent-encoded (wire-path.ts). */
  readonly requestPath: string;
  readonly bodyType: BodyType | null;
  /** The default request media type (raw), `null` without a request body. */
  readonly contentType: string | null;
  /** The runtime's `media` table (kind and encoding object per media type), `null` without a body. */
  readonly media: { readonly [contentType: string]: MediaSpec } | null;
  /** Every request media type's body parts, default first, only when there are several. */
  readonly bodies: readonly BodyVariant[] | null;
  readonly responseType: ResponseType | null;
  readonly idempotent: boolean;
  readonly deprecated: boolean;
  /** Raw documentation lines (summary, description); escaped on render. */
  readonly docs: readonly string[];
  /** TypeScript type expression for the openapi-typescript operation object. */
  readonly opType: string;
  /** Parameter parts and the default media type's body parts. */
  readonly params: readonly ParamPart[];
  /** Parameter parts only (path, query, headers): what `bodies` variants are added to. */
  readonly paramParts: readonly ParamPart[];
  /** Every parameter's serialization facts, written as `OperationSpec.params`. */
  readonly paramSpecs: readonly ParamFacts[];
  /** True when any part is required, so `params` itself is required. */
  readonly paramsRequired: boolean;
  readonly successType: string;
  readonly errorType: string;
  /** One entry per declared status (2xx ok, 3xx-5xx not), for the `…Response` and `…Exception` types. */
  readonly responses: readonly ResponseVariant[];
  /** The declared non-success statuses as a union of literals, or `never`: what the catch-all excludes. */
  readonly errorStatuses: string;
}

/** One declared status of an operation. */
export interface ResponseVariant {
  readonly ok: boolean;
  /** Numeric literals (`404`, or `403 | 404` when they share body and headers), or `$t.SuccessStatus` for a success declared only as `2XX`/`default`. */
  readonly statusType: string;
  /** TypeScript type of the decoded body. */
  readonly dataType: string;
  /** TypeScript object type of the declared response headers (`null` when none), names lower-cased. */
  readonly headersType: string | null;
}

/** One `components.schemas` entry, exported by name from the client module. */
export interface SchemaModel {
  /** Safe, unique export name. */
  readonly exportName: string;
  /** TypeScript type expression for openapi-typescript's type of it. */
  readonly type: string;
  /** Exported as `interface … extends` (shown by name on hover) rather than a type alias. */
  readonly isInterface: boolean;
  /** Raw title/description lines; escaped on render. */
  readonly docs: readonly string[];
  readonly deprecated: boolean;
}

/** One spec → one service → one client class. */
export interface ServiceModel {
  /** Registry key, kebab-case: `order-history`. Also the output folder. */
  readonly name: string;
  /** Safe class name: `OrderHistoryService`. */
  readonly className: string;
  /** Raw `info.title`/`info.description` lines; escaped on render. */
  readonly docs: readonly string[];
  readonly operations: readonly OperationModel[];
  /** Named exports of `components.schemas`, in spec order. */
  readonly schemas: readonly SchemaModel[];
  readonly warnings: readonly string[];
}
