/**
 * Request body → the `body` (and, for multipart, `files`) parts of `params`, for every request
 * media type the operation accepts, and the table the runtime encodes from (`media`: kind and
 * `encoding` object per media type). The default media type comes first (JSON first, as before);
 * when there are several, the method is generic over `options.contentType` (see the template).
 * Binary bodies (`application/octet-stream`, `image/*`, or a `format: binary`/`contentMediaType`
 * string schema) are typed as bytes; multipart properties that are binary strings become `files`.
 */
import type { BodyType, MediaSpec, PartEncoding } from '@svc-gen/runtime';
import { jsString } from './escape.js';
import { type MediaKind, mediaKind, orderRequestMedia } from './media.js';
import type { BodyVariant, OperationModel, ParamPart } from './model-types.js';
import { isRequiredProp } from './params.js';
import { deref, isObject } from './resolve.js';

type Json = Record<string, unknown>;

const BODY_TYPE = { json: null, form: 'form', multipart: 'multipart', text: 'text', binary: 'binary' } as const;
const STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/** What a request body contributes to a method. */
export interface BodyParts {
  /** The default media type's parts. */
  readonly parts: ParamPart[];
  readonly bodyType: BodyType | null;
  /** The default media type, as the spec names it. */
  readonly contentType: string | null;
  /** The runtime's `media` table: kind and encoding object per media type (own keys: `Object.fromEntries`). */
  readonly media: OperationModel['media'];
  /** Every media type's parts, default first, when there are several. */
  readonly variants: BodyVariant[] | null;
}

const NONE: BodyParts = { parts: [], bodyType: null, contentType: null, media: null, variants: null };

/** Body parts of an operation; none when it has no request body. */
export function bodyParts(doc: Json, op: Json, opType: string, warn: (msg: string) => void = () => {}): BodyParts {
  const rb = deref(doc, op['requestBody']);
  const content = rb && isObject(rb['content']) ? rb['content'] : undefined;
  if (!rb || !content) return NONE;
  const entries = orderRequestMedia(Object.keys(content).map((media) => ({ media, kind: kindOf(doc, media, deref(doc, content[media])) })));
  const first = entries[0];
  if (!first) return NONE;
  const required = rb['required'] === true;
  const variants = entries.map(({ media, kind }) => ({ contentType: media, parts: variantParts(doc, content, media, kind, required, opType) }));
  const table = entries.map(({ media, kind }): [string, MediaSpec] => {
    const encoding =
      kind === 'form' || kind === 'multipart' ? encodingTable(doc, deref(doc, content[media]), (m) => warn(`request body ${media}: ${m}`)) : undefined;
    return [media, { type: kind, ...(encoding ? { encoding } : {}) }];
  });
  return {
    parts: variants[0]!.parts,
    bodyType: BODY_TYPE[first.kind],
    contentType: first.media,
    media: Object.fromEntries(table),
    variants: variants.length > 1 ? variants : null,
  };
}

/** The media type's family; a text-like or wildcard media type whose schema is a binary string is bytes. */
function kindOf(doc: Json, media: string, mediaObject: Json | undefined): MediaKind {
  const kind = mediaKind(media);
  const wildcard = media.includes('*');
  const schema = deref(doc, mediaObject?.['schema']);
  const raw = !!schema && (schema['format'] === 'binary' || (typeof schema['contentMediaType'] === 'string' && schema['contentEncoding'] === undefined));
  if (raw && (kind === 'text' || (kind === 'json' && wildcard))) return 'binary';
  return kind;
}

/** The parts one media type contributes. */
function variantParts(doc: Json, content: Json, media: string, kind: MediaKind, required: boolean, opType: string): ParamPart[] {
  const contentType = `NonNullable<${opType}['requestBody']>['content'][${jsString(media)}]`;
  if (kind === 'text') return [{ key: 'body', required, type: 'string' }];
  if (kind === 'binary') return [{ key: 'body', required, type: '$BinaryBody' }];
  if (kind !== 'multipart') return [{ key: 'body', required, type: contentType }];

  const schema = deref(doc, deref(doc, content[media])?.['schema']);
  const props = schema && isObject(schema['properties']) ? schema['properties'] : undefined;
  if (!props) {
    // Nothing to tell fields from files: accept both, loosely typed.
    return [
      { key: 'body', required: false, type: contentType },
      { key: 'files', required: false, type: 'Record<string, $FileInput | readonly $FileInput[]>' },
    ];
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
  return parts;
}

/**
 * The media type's `encoding` object as a TypeScript literal for the runtime (contentType, style,
 * explode, allowReserved), or '' when it has none. Part `headers` cannot be sent: reported.
 */
function encodingTable(doc: Json, mediaObject: Json | undefined, warn: (msg: string) => void): MediaSpec['encoding'] {
  const encoding = deref(doc, mediaObject?.['encoding']);
  if (!encoding) return undefined;
  const props: [string, PartEncoding][] = [];
  for (const name of Object.keys(encoding).sort()) {
    const e = deref(doc, encoding[name]);
    if (!e) continue;
    const fields: { -readonly [K in keyof PartEncoding]: PartEncoding[K] } = {};
    if (typeof e['contentType'] === 'string') fields.contentType = e['contentType'];
    if (typeof e['style'] === 'string' && STYLES.has(e['style'])) fields.style = e['style'] as NonNullable<PartEncoding['style']>;
    else if (e['style'] !== undefined)
      warn(`encoding of ${JSON.stringify(name)}: style ${JSON.stringify(e['style'])} is not a form style; the default (form) is used`);
    if (typeof e['explode'] === 'boolean') fields.explode = e['explode'];
    if (typeof e['allowReserved'] === 'boolean') fields.allowReserved = e['allowReserved'];
    if (isObject(e['headers']) && Object.keys(e['headers']).length > 0) warn(`encoding of ${JSON.stringify(name)}: part headers are not sent`);
    if (Object.keys(fields).length > 0) props.push([name, fields]);
  }
  return props.length > 0 ? Object.fromEntries(props) : undefined;
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
