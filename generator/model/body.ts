/**
 * Request body → the `body` (and, for multipart, `files`) parts of `params`, and the runtime `bodyType`.
 * Multipart properties that are binary strings (`format: binary|base64`, or 3.1 `contentMediaType`/
 * `contentEncoding`), or arrays of them, become `files`; the other fields stay in `body`.
 */
import type { BodyType } from '@svc-gen/runtime';
import { jsString } from './escape.js';
import { pickRequestMedia } from './media.js';
import { isRequiredProp } from './params.js';
import { deref, isObject } from './resolve.js';
import type { ParamPart } from './types.js';

type Json = Record<string, unknown>;

const BODY_TYPE = { json: null, form: 'form', multipart: 'multipart', text: 'text', binary: 'binary' } as const;

/** What a request body contributes to a method. */
export interface BodyParts {
  readonly parts: ParamPart[];
  readonly bodyType: BodyType | null;
}

/** Body parts of an operation; none when it has no request body. */
export function bodyParts(doc: Json, op: Json, opType: string): BodyParts {
  const rb = deref(doc, op['requestBody']);
  const content = rb && isObject(rb['content']) ? rb['content'] : undefined;
  const picked = content ? pickRequestMedia(Object.keys(content)) : undefined;
  if (!rb || !content || !picked) return { parts: [], bodyType: null };
  const required = rb['required'] === true;
  const contentType = `NonNullable<${opType}['requestBody']>['content'][${jsString(picked.media)}]`;
  const bodyType = BODY_TYPE[picked.kind];
  if (picked.kind === 'text') return { parts: [{ key: 'body', required, type: 'string' }], bodyType };
  if (picked.kind === 'binary') return { parts: [{ key: 'body', required, type: 'Uint8Array | string' }], bodyType };
  if (picked.kind !== 'multipart') return { parts: [{ key: 'body', required, type: contentType }], bodyType };

  const media = deref(doc, content[picked.media]);
  const schema = deref(doc, media?.['schema']);
  const props = schema && isObject(schema['properties']) ? schema['properties'] : undefined;
  if (!props) {
    // Nothing to tell fields from files: accept both, loosely typed.
    return {
      parts: [
        { key: 'body', required: false, type: contentType },
        { key: 'files', required: false, type: 'Record<string, $FileInput | readonly $FileInput[]>' },
      ],
      bodyType,
    };
  }
  const fileProps = Object.keys(props).filter((k) => isFileSchema(doc, props[k]));
  const fieldProps = Object.keys(props).filter((k) => !fileProps.includes(k));
  const parts: ParamPart[] = [];
  if (fieldProps.length > 0 || fileProps.length === 0) {
    const type = fileProps.length > 0 ? `Omit<${contentType}, ${fileProps.map(jsString).join(' | ')}>` : contentType;
    parts.push({ key: 'body', required: required && fieldProps.some((k) => isRequiredProp(schema, k)), type });
  }
  if (fileProps.length > 0) {
    const fields = fileProps.map((k) => {
      const optional = isRequiredProp(schema, k) ? '' : '?';
      const many = isArrayOf(doc, props[k]) ? 'readonly $FileInput[]' : '$FileInput | readonly $FileInput[]';
      return `${jsString(k)}${optional}: ${many}`;
    });
    parts.push({ key: 'files', required: required && fileProps.some((k) => isRequiredProp(schema, k)), type: `{ ${fields.join('; ')} }` });
  }
  return { parts, bodyType };
}

function isBinaryString(s: Json | undefined): boolean {
  if (!s) return false;
  return s['format'] === 'binary' || s['format'] === 'base64' || typeof s['contentMediaType'] === 'string' || typeof s['contentEncoding'] === 'string';
}

function isArrayOf(doc: Json, schema: unknown): boolean {
  const s = deref(doc, schema);
  return !!s && s['type'] === 'array' && isBinaryString(deref(doc, s['items']));
}

function isFileSchema(doc: Json, schema: unknown): boolean {
  return isBinaryString(deref(doc, schema)) || isArrayOf(doc, schema);
}
