/**
 * One operation on one side: its path item and operation object ($refs followed) and where they are.
 */
import type { HttpMethod } from '@svc-gen/runtime';
import { isObject } from '../model/resolve.js';
import { childPointer } from '../util/json-pointer.js';
import { follow, type Located } from './schema-view.js';

type Json = Record<string, unknown>;

/** An operation found in one document. */
export interface OperationSide {
  readonly doc: Json;
  readonly path: string;
  readonly method: HttpMethod;
  readonly pathItem: Json;
  readonly op: Json;
  readonly pointer: string;
}

/** Parameters of the path item and the operation (the operation's win), by `in:name`. */
export function parametersOf(side: OperationSide): Map<string, { param: Json; pointer: string }> {
  const out = new Map<string, { param: Json; pointer: string }>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const { node, pointer } = follow(side.doc, raw, childPointer(base, 'parameters', String(i)));
      if (typeof node['name'] !== 'string' || typeof node['in'] !== 'string') return;
      const name = node['in'] === 'header' ? node['name'].toLowerCase() : node['name'];
      out.set(`${node['in']}:${name}`, { param: node, pointer });
    });
  };
  add(side.pathItem['parameters'], side.pointer.slice(0, side.pointer.lastIndexOf('/')));
  add(side.op['parameters'], side.pointer);
  return out;
}

/** A parameter's schema: `schema`, or the schema of its first `content` entry. */
export function parameterSchema(param: Json, pointer: string): Located {
  if (param['schema'] !== undefined) return { schema: param['schema'], pointer: childPointer(pointer, 'schema') };
  const content = isObject(param['content']) ? param['content'] : {};
  const first = Object.keys(content)[0];
  if (first === undefined) return { schema: {}, pointer };
  const media = isObject(content[first]) ? content[first] : {};
  return { schema: media['schema'] ?? {}, pointer: childPointer(pointer, 'content', first, 'schema') };
}

/** How a parameter is serialised: style and explode with OpenAPI's defaults applied. */
export function serialization(param: Json): string {
  const where = param['in'];
  const style = typeof param['style'] === 'string' ? param['style'] : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  const explode = typeof param['explode'] === 'boolean' ? param['explode'] : style === 'form';
  return `style ${style}, explode ${explode}`;
}

/** A `content` map's media types, each with its schema and pointer. */
export function mediaTypes(container: Json, pointer: string): Map<string, Located> {
  const out = new Map<string, Located>();
  const content = isObject(container['content']) ? container['content'] : {};
  for (const [type, media] of Object.entries(content)) {
    const m = isObject(media) ? media : {};
    out.set(type, { schema: m['schema'] ?? {}, pointer: childPointer(pointer, 'content', type, 'schema') });
  }
  return out;
}
