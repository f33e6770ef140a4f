/**
 * Which request media type a generated call sends: `options.contentType` when given (it must be
 * one the operation accepts), else the operation's default (the generator puts JSON first).
 */
import { invalidUsage } from '../failures.js';
import type { MediaSpec, OperationSpec } from '../types.js';

/** The chosen media type (the spec's key, undefined for the family default) and how to encode it. */
export function chooseMedia(op: OperationSpec, requested: string | undefined): { mediaType: string | undefined; spec: MediaSpec } {
  const media = op.media;
  if (media === undefined) return { mediaType: requested, spec: { type: op.bodyType ?? 'json' } };
  const mediaType = requested ?? op.contentType ?? Object.keys(media)[0];
  if (mediaType === undefined) return { mediaType: requested, spec: { type: op.bodyType ?? 'json' } };
  if (!Object.hasOwn(media, mediaType)) {
    const accepted = Object.keys(media)
      .map((m) => JSON.stringify(m))
      .join(', ');
    throw invalidUsage(`${op.operationId} does not accept content type ${JSON.stringify(mediaType)}; it accepts ${accepted}.`);
  }
  return { mediaType, spec: media[mediaType]! };
}
