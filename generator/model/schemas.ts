/**
 * `components.schemas` → named type exports of a client module (`export interface User …`), so user
 * code imports `User` and hovers show it. Names are safe and collision-free, assigned
 * deterministically: keys that already are safe identifiers first (spec order), then the others
 * sanitised to PascalCase; a taken name gets the next free numeric suffix. Clashes and names that
 * need more than PascalCasing are reported.
 */
import { jsString } from './escape.js';
import type { SchemaModel } from './model-types.js';
import { IDENTIFIER, pascalCase, safeIdentifier } from './names.js';
import { isObject } from './resolve.js';

type Json = Record<string, unknown>;

/** Globals the generated client module names in its own type expressions: a schema may not shadow them. */
const MODULE_GLOBALS = ['Promise', 'Record', 'Uint8Array', 'Exclude', 'Extract'];

/** The schema exports of one service and how to find a schema's export by its `$ref`. */
export interface SchemaNames {
  readonly schemas: readonly SchemaModel[];
  /** `#/components/schemas/<key>` (pointer-escaped) → exported name. */
  readonly byRef: ReadonlyMap<string, string>;
}

/**
 * Names every `components.schemas` entry. `taken` holds the module's other exports (class name,
 * per-operation types); a schema never takes one of them.
 */
export function schemaNames(doc: Json, taken: ReadonlySet<string>, warn: (msg: string) => void): SchemaNames {
  const components = isObject(doc['components']) ? doc['components'] : {};
  const entries = Object.entries(isObject(components['schemas']) ? components['schemas'] : {});
  const used = new Set<string>([...taken, ...MODULE_GLOBALS]);
  const names = new Map<string, string>();
  const asIs = (key: string) => IDENTIFIER.test(key) && !key.startsWith('$') && safeIdentifier(key, 'Schema') === key;
  // Two passes: a key that is already a good name keeps it even when a later-sanitised key would map to it.
  for (const pass of [true, false]) {
    for (const [key] of entries) {
      if (asIs(key) !== pass) continue;
      const wanted = pass ? key : safeIdentifier(pascalCase(key), 'Schema');
      let name = wanted;
      for (let n = 2; used.has(name); n++) name = `${wanted}${n}`;
      used.add(name);
      names.set(key, name);
      // Plain PascalCasing (`product-list` → `ProductList`) is not worth a warning, as camelCasing an
      // operationId is not; a clash or a fix-up beyond it (reserved word, leading digit, empty) is.
      if (name !== wanted || (!pass && wanted !== pascalCase(key))) {
        const why = name === wanted ? 'is not a safe TypeScript name' : `clashes with a name its client module already uses (${wanted})`;
        warn(`components.schemas.${key}: the name ${why}; exported as ${name}`);
      }
    }
  }
  const schemas: SchemaModel[] = [];
  const byRef = new Map<string, string>();
  for (const [key, schema] of entries) {
    const name = names.get(key) ?? 'Schema';
    byRef.set(`#/components/schemas/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, name);
    schemas.push({
      exportName: name,
      type: `$components['schemas'][${jsString(key)}]`,
      isInterface: isPlainObject(schema),
      docs: docsOf(schema),
      deprecated: isObject(schema) && schema['deprecated'] === true,
    });
  }
  return { schemas, byRef };
}

/** The export a `$ref` names, when it points straight at a component schema. */
export function refName(names: SchemaNames, schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema['$ref'] !== 'string') return undefined;
  const ref = schema['$ref'];
  return names.byRef.get(ref) ?? names.byRef.get(safeDecode(ref));
}

function safeDecode(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

/**
 * An object schema without unions, enums or nullability, which openapi-typescript emits as an object
 * type: it can be an `interface … extends`, which hovers show by name (a type alias of an existing
 * type shows the expanded structure).
 */
function isPlainObject(schema: unknown): boolean {
  if (!isObject(schema) || '$ref' in schema) return false;
  for (const k of ['oneOf', 'anyOf', 'allOf', 'enum', 'const', 'not', 'discriminator', 'if']) if (k in schema) return false;
  if (schema['nullable'] === true) return false;
  return schema['type'] === 'object' || (schema['type'] === undefined && isObject(schema['properties']));
}

function docsOf(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  const docs: string[] = [];
  for (const text of [schema['title'], schema['description']]) {
    if (typeof text === 'string' && text.trim() !== '' && !docs.includes(text.trim())) docs.push(text.trim());
  }
  return docs;
}
