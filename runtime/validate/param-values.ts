/**
 * Reads one parameter's value off the wire as its style wrote it (OpenAPI's style table, as
 * runtime/params/ writes it): path `simple`/`label`/`matrix`, query and cookie `form` (exploded or
 * not), `spaceDelimited`, `pipeDelimited`, `deepObject`, header `simple`, and `content` parameters
 * (their media's text). The result is text still: the checker coerces it by the schema's types.
 */

/** A value as read: one text, a list of texts, or a map of texts (objects); undefined when absent. */
export type RawValue = string | string[] | { readonly [key: string]: string };

/** How to read one parameter: its name, location, style and the shape its schema asks for. */
export interface ParamShape {
  readonly name: string;
  /** The header name in lower case, else the name. */
  readonly key: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly style: string;
  readonly explode: boolean;
  /** `array`, `object`, or a scalar type (undefined when the schema says nothing). */
  readonly type: string | undefined;
  /** An object's declared property names (form-exploded objects are spread over the query). */
  readonly properties: readonly string[];
  /** A `content` parameter: the text is the value. */
  readonly content: boolean;
}

/** Where parameter values come from. */
export interface ParamSources {
  readonly path: Record<string, string>;
  readonly query: URLSearchParams | undefined;
  /** The `cookie` header's pairs, as form pairs. */
  readonly cookies: URLSearchParams | undefined;
  header(key: string): string | undefined;
}

/** Pairs `k1,v1,k2,v2` → `{ k1: v1, k2: v2 }`. */
function pairs(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < items.length; i += 2) out[items[i] as string] = items[i + 1] as string;
  return out;
}

/** `k1=v1` items → `{ k1: v1 }`. */
function assignments(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
    else if (item !== '') out[item] = '';
  }
  return out;
}

/** A delimited text read as the schema's shape: a list, pairs (or `k=v` items when exploded), or one text. */
function shaped(text: string, separator: string | RegExp, shape: ParamShape, exploded = shape.explode): RawValue {
  if (shape.type === 'array') return text === '' ? [] : text.split(separator);
  if (shape.type === 'object') return exploded ? assignments(text.split(separator)) : pairs(text.split(separator));
  return text;
}

function fromForm(shape: ParamShape, params: URLSearchParams | undefined): RawValue | undefined {
  if (!params) return undefined;
  if (shape.content) return params.get(shape.name) ?? undefined;
  if (shape.style === 'deepObject') {
    const out: Record<string, string> = {};
    let found = false;
    const prefix = `${shape.name}[`;
    for (const [k, v] of params) {
      if (k.startsWith(prefix) && k.endsWith(']')) {
        out[k.slice(prefix.length, -1)] = v;
        found = true;
      }
    }
    return found ? out : undefined;
  }
  if (shape.style === 'form' && shape.explode) {
    if (shape.type === 'object') {
      const out: Record<string, string> = {};
      let found = false;
      for (const name of shape.properties) {
        const v = params.get(name);
        if (v !== null) {
          out[name] = v;
          found = true;
        }
      }
      return found ? out : undefined;
    }
    const all = params.getAll(shape.name);
    if (all.length === 0) return undefined;
    return shape.type === 'array' ? all : (all[0] as string);
  }
  const text = params.get(shape.name);
  if (text === null) return undefined;
  const separator = shape.style === 'spaceDelimited' ? ' ' : shape.style === 'pipeDelimited' ? '|' : ',';
  return shaped(text, separator, shape, false);
}

function fromPath(shape: ParamShape, text: string | undefined): RawValue | undefined {
  if (text === undefined) return undefined;
  if (shape.content) return text;
  if (shape.style === 'label') {
    const body = text.startsWith('.') ? text.slice(1) : text;
    // Unexploded lists: `,` (OpenAPI 3.0.4/3.1.1) or `.` (earlier tables).
    return shaped(body, shape.explode || !body.includes(',') ? '.' : ',', shape);
  }
  if (shape.style === 'matrix') {
    const items = text.split(';').filter((s) => s !== '');
    if (shape.explode && shape.type === 'object') return assignments(items);
    const values = items.map((item) => {
      const eq = item.indexOf('=');
      return eq < 0 ? '' : item.slice(eq + 1);
    });
    if (shape.explode && shape.type === 'array') return values;
    return shaped(values[0] ?? '', ',', shape);
  }
  return shaped(text, ',', shape);
}

/** The raw value of one parameter, or undefined when the request does not carry it. */
export function readParam(shape: ParamShape, sources: ParamSources): RawValue | undefined {
  switch (shape.in) {
    case 'path':
      return fromPath(shape, sources.path[shape.key]);
    case 'query':
      return fromForm(shape, sources.query);
    case 'cookie':
      return fromForm(shape, sources.cookies);
    default: {
      const text = sources.header(shape.key);
      if (text === undefined || shape.content) return text;
      const value = shaped(text, ',', shape);
      return Array.isArray(value) ? value.map((v) => v.trim()) : value;
    }
  }
}
