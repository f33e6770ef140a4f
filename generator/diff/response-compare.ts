/**
 * An operation's responses on both sides: statuses, media types, headers and schemas, in the
 * response direction (what the client receives: anything it may now get that it did not expect breaks it).
 */
import { isObject } from '../model/resolve.js';
import { childPointer } from '../util/json-pointer.js';
import type { Emit } from './emit.js';
import { mediaTypes, type OperationSide } from './operation-side.js';
import type { SchemaComparer } from './schema-compare.js';
import { schemaKind, schemaMessage } from './schema-kinds.js';
import { follow } from './schema-view.js';

type Json = Record<string, unknown>;

/** 2xx, written as a code or a range. */
function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function responsesOf(side: OperationSide): Map<string, { node: Json; pointer: string }> {
  const out = new Map<string, { node: Json; pointer: string }>();
  const responses = isObject(side.op['responses']) ? side.op['responses'] : {};
  for (const [status, r] of Object.entries(responses)) out.set(status, follow(side.doc, r, childPointer(side.pointer, 'responses', status)));
  return out;
}

/** Compares the responses of one matched operation. */
export function compareResponses(o: OperationSide, n: OperationSide, schemas: SchemaComparer, emit: Emit): void {
  const before = responsesOf(o);
  const after = responsesOf(n);
  for (const [status, was] of before) {
    const now = after.get(status);
    const success = isSuccess(status);
    if (!now) {
      emit(success ? 'response-success-status-removed' : 'response-non-success-status-removed', was.pointer, null, `response ${status} removed`);
      continue;
    }
    compareHeaders(status, was, now, o.doc, n.doc, emit);
    const oldMedia = mediaTypes(was.node, was.pointer);
    const newMedia = mediaTypes(now.node, now.pointer);
    for (const [type, schema] of oldMedia) {
      const next = newMedia.get(type);
      if (!next) {
        emit('response-media-type-removed', childPointer(was.pointer, 'content', type), null, `response ${status} media type ${type} removed`);
        continue;
      }
      const site = { at: 'response', label: `response ${status} (${type})` } as const;
      for (const d of schemas.compare(schema, next, 'response')) emit(schemaKind(d, site), d.old, d.new, schemaMessage(d, site));
    }
    for (const type of newMedia.keys()) {
      if (!oldMedia.has(type))
        emit('response-media-type-added', null, childPointer(now.pointer, 'content', type), `response ${status} media type ${type} added`);
    }
  }
  for (const [status, now] of after) {
    if (before.has(status)) continue;
    emit(isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added', null, now.pointer, `response ${status} added`);
  }
}

function compareHeaders(
  status: string,
  was: { node: Json; pointer: string },
  now: { node: Json; pointer: string },
  oldDoc: Json,
  newDoc: Json,
  emit: Emit,
): void {
  const headers = (r: { node: Json; pointer: string }, doc: Json) => {
    const out = new Map<string, { node: Json; pointer: string }>();
    const h = isObject(r.node['headers']) ? r.node['headers'] : {};
    for (const [name, v] of Object.entries(h)) out.set(name.toLowerCase(), follow(doc, v, childPointer(r.pointer, 'headers', name)));
    return out;
  };
  const after = headers(now, newDoc);
  for (const [name, h] of headers(was, oldDoc)) {
    const required = h.node['required'] === true;
    const next = after.get(name);
    if (!next) {
      emit(required ? 'required-response-header-removed' : 'optional-response-header-removed', h.pointer, null, `response ${status} header ${name} removed`);
    } else if (required && next.node['required'] !== true) {
      emit('response-header-became-optional', h.pointer, next.pointer, `response ${status} header ${name} became optional`);
    }
  }
}
