/**
 * An operation's request on both sides: parameters (added, removed, required, serialisation,
 * schema) and body (added, removed, required, media types, schema), in the request direction.
 */

import { childPointer } from '../util/json-pointer.js';
import type { Emit } from './emit.js';
import { mediaTypes, type OperationSide, parameterSchema, parametersOf, serialization } from './operation-side.js';
import type { SchemaComparer } from './schema-compare.js';
import { schemaKind, schemaMessage } from './schema-kinds.js';
import { follow } from './schema-view.js';

type Json = Record<string, unknown>;

/** Compares the parameters and request bodies of one matched operation. */
export function compareRequest(o: OperationSide, n: OperationSide, schemas: SchemaComparer, emit: Emit): void {
  compareParameters(o, n, schemas, emit);
  compareBody(o, n, schemas, emit);
}

function isRequired(param: Json): boolean {
  return param['in'] === 'path' || param['required'] === true;
}

function compareParameters(o: OperationSide, n: OperationSide, schemas: SchemaComparer, emit: Emit): void {
  const before = parametersOf(o);
  const after = parametersOf(n);
  for (const [key, { param, pointer }] of before) {
    const label = `${param['in']} parameter ${param['name']}`;
    const now = after.get(key);
    if (!now) {
      emit('request-parameter-removed', pointer, null, `${label} removed`);
      continue;
    }
    if (isRequired(param) !== isRequired(now.param)) {
      const kind = isRequired(now.param) ? 'request-parameter-became-required' : 'request-parameter-became-optional';
      emit(kind, pointer, now.pointer, `${label} became ${isRequired(now.param) ? 'required' : 'optional'}`);
    }
    const [was, is] = [serialization(param), serialization(now.param)];
    if (was !== is) emit('request-parameter-style-changed', pointer, now.pointer, `${label}: ${was} changed to ${is}`);
    const site = { at: 'parameter', label } as const;
    for (const d of schemas.compare(parameterSchema(param, pointer), parameterSchema(now.param, now.pointer), 'request')) {
      emit(schemaKind(d, site), d.old, d.new, schemaMessage(d, site));
    }
  }
  for (const [key, { param, pointer }] of after) {
    if (before.has(key)) continue;
    const required = isRequired(param);
    emit(
      required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
      null,
      pointer,
      `new ${required ? 'required' : 'optional'} ${param['in']} parameter ${param['name']}`,
    );
  }
}

function compareBody(o: OperationSide, n: OperationSide, schemas: SchemaComparer, emit: Emit): void {
  const ob = o.op['requestBody'] === undefined ? undefined : follow(o.doc, o.op['requestBody'], childPointer(o.pointer, 'requestBody'));
  const nb = n.op['requestBody'] === undefined ? undefined : follow(n.doc, n.op['requestBody'], childPointer(n.pointer, 'requestBody'));
  if (!ob && !nb) return;
  if (!ob && nb) {
    const required = nb.node['required'] === true;
    emit(required ? 'request-body-added-required' : 'request-body-added-optional', null, nb.pointer, `new ${required ? 'required' : 'optional'} request body`);
    return;
  }
  if (ob && !nb) {
    emit('request-body-removed', ob.pointer, null, 'request body removed');
    return;
  }
  if (!ob || !nb) return;
  const [was, is] = [ob.node['required'] === true, nb.node['required'] === true];
  if (was !== is)
    emit(is ? 'request-body-became-required' : 'request-body-became-optional', ob.pointer, nb.pointer, `request body became ${is ? 'required' : 'optional'}`);
  const before = mediaTypes(ob.node, ob.pointer);
  const after = mediaTypes(nb.node, nb.pointer);
  for (const [type, schema] of before) {
    const now = after.get(type);
    if (!now) {
      emit('request-body-media-type-removed', childPointer(ob.pointer, 'content', type), null, `request body media type ${type} removed`);
      continue;
    }
    const site = { at: 'request-body', label: `request body (${type})` } as const;
    for (const d of schemas.compare(schema, now, 'request')) {
      const label = d.path.length > 0 ? { ...site, label: `request (${type})` } : site;
      emit(schemaKind(d, label), d.old, d.new, schemaMessage(d, label));
    }
  }
  for (const type of after.keys()) {
    if (!before.has(type)) emit('request-body-media-type-added', null, childPointer(nb.pointer, 'content', type), `request body media type ${type} added`);
  }
}
