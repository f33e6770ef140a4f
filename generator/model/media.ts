/**
 * Media types → how the runtime encodes a request body or decodes a response.
 * The runtime decodes JSON by content type, text otherwise, and bytes only when asked (`responseType: 'binary'`).
 */

/** The families svc-gen distinguishes. */
export type MediaKind = 'json' | 'form' | 'multipart' | 'text' | 'binary';

const BINARY = /^(application\/(octet-stream|pdf|zip|gzip|x-tar|x-7z-compressed)|image\/|audio\/|video\/|font\/)/;

/** Classifies a media-type key such as `application/problem+json; charset=utf-8`. */
export function mediaKind(mediaType: string): MediaKind {
  const t = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (t === '*/*' || t === 'application/*' || /^(application|text)\/([\w.+-]+\+)?json$/.test(t) || t.endsWith('+json')) return 'json';
  if (t === 'application/x-www-form-urlencoded') return 'form';
  if (t.startsWith('multipart/')) return 'multipart';
  if (BINARY.test(t)) return 'binary';
  return 'text';
}

/** Preference when an operation accepts several request media types: the first one present wins. */
const REQUEST_ORDER: readonly MediaKind[] = ['json', 'form', 'multipart', 'text', 'binary'];

/** Picks the request media type to use by default, deterministically. */
export function pickRequestMedia(mediaTypes: readonly string[]): { media: string; kind: MediaKind } | undefined {
  return orderRequestMedia(mediaTypes.map((media) => ({ media, kind: mediaKind(media) })))[0];
}

/** Every request media type, the default first: by family (JSON first), then in the spec's order. */
export function orderRequestMedia<T extends { readonly kind: MediaKind }>(entries: readonly T[]): T[] {
  return REQUEST_ORDER.flatMap((kind) => entries.filter((e) => e.kind === kind));
}

/** Picks the response media type whose type describes the decoded body: JSON first, then text, then bytes. */
export function pickResponseMedia(mediaTypes: readonly string[]): { media: string; kind: MediaKind } | undefined {
  for (const kind of ['json', 'text', 'form', 'multipart', 'binary'] as const) {
    const media = mediaTypes.find((m) => mediaKind(m) === kind);
    if (media !== undefined) return { media, kind };
  }
  return undefined;
}
