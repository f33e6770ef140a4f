/** Is a media type JSON? One rule for response decoding, form fields and contract checks. */

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$|^[\w.+-]+\/[\w.+-]+\+json$/i;

/** `application/json`, `application/problem+json`, `text/x+json`… (parameters such as `charset` are ignored). */
export function isJsonMedia(media: string | undefined): boolean {
  if (media === undefined) return false;
  const semi = media.indexOf(';');
  return JSON_MEDIA.test((semi < 0 ? media : media.slice(0, semi)).trim());
}
