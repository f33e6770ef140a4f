/**
 * An OpenAPI Schema Object → JSON Schema 2020-12, what ajv's 2020 dialect compiles. OpenAPI 3.1
 * schemas already are; 3.0's differ (OpenAPI 3.0.3 §4.7.24): `nullable: true` becomes a `null`
 * type (or enum member, or an `anyOf` branch), a boolean `exclusiveMinimum`/`exclusiveMaximum`
 * becomes the numeric form. Annotations no validator reads (`title`, `description`, `example`,
 * `xml`, `externalDocs`, `discriminator`, `x-…`) are dropped: the contract stays small and does
 * not change when only documentation does. Pure.
 */
import { isObject, resolvePointer } from '../model/resolve.js';

type Json = Record<string, unknown>;

const DROPPED = new Set(['title', 'description', '$comment', 'example', 'examples', 'xml', 'externalDocs', 'discriminator', 'nullable', 'deprecated']);
/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a schema. */
const SCHEMAS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

const COMPONENT_SCHEMA = /^#\/components\/schemas\/[^/]+$/;

/** Converts one schema of `doc`; `is30` for OpenAPI 3.0 documents. */
export function toJsonSchema(doc: Json, schema: unknown, is30: boolean, seen: ReadonlySet<string> = new Set()): unknown {
  if (!isObject(schema)) return schema; // `true`/`false` schemas of 3.1
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    // Refs to component schemas stay refs (they are emitted once); any other internal ref is inlined.
    if (COMPONENT_SCHEMA.test(ref) || seen.has(ref)) return is30 ? { $ref: ref } : { ...convertKeywords(doc, schema, is30, seen) };
    return toJsonSchema(doc, resolvePointer(doc, ref), is30, new Set([...seen, ref]));
  }
  const out = convertKeywords(doc, schema, is30, seen);
  if (!is30) return out;
  if (schema['exclusiveMinimum'] === true && typeof schema['minimum'] === 'number') {
    out['exclusiveMinimum'] = schema['minimum'];
    delete out['minimum'];
  } else if (typeof schema['exclusiveMinimum'] === 'boolean') delete out['exclusiveMinimum'];
  if (schema['exclusiveMaximum'] === true && typeof schema['maximum'] === 'number') {
    out['exclusiveMaximum'] = schema['maximum'];
    delete out['maximum'];
  } else if (typeof schema['exclusiveMaximum'] === 'boolean') delete out['exclusiveMaximum'];
  if (schema['nullable'] !== true) return out;
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function convertKeywords(doc: Json, schema: Json, is30: boolean, seen: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(doc, v, is30, seen)]));
    } else if (SCHEMAS.has(key)) {
      out[key] = Array.isArray(value) ? value.map((v) => toJsonSchema(doc, v, is30, seen)) : toJsonSchema(doc, value, is30, seen);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => toJsonSchema(doc, v, is30, seen));
    } else {
      out[key] = value;
    }
  }
  return out;
}
