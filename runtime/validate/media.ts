/**
 * Matching a body to what the spec declares: is a media type JSON, which declared media fits a
 * content type, which declared response (exact status, `4XX` range, `default`) fits a status.
 */
import type { ContractMedia, ContractOperation } from './contract.js';

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$|^[\w.+-]+\/[\w.+-]+\+json$/i;

/** Is this media type JSON (`application/json`, `application/problem+json`…)? Parameters are ignored. */
export function isJsonMedia(media: string | undefined): boolean {
  if (media === undefined) return false;
  const semi = media.indexOf(';');
  return JSON_MEDIA.test((semi < 0 ? media : media.slice(0, semi)).trim());
}

/** The declared response for `status`: exact, then `4XX`-style range, then `default`. */
export function responseKey(op: ContractOperation, status: number): string | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) if (op.responses[key]) return key;
  return undefined;
}

/** The declared media matching `contentType` (parameters ignored), else the first JSON one. */
export function pickMedia(content: { readonly [media: string]: ContractMedia }, contentType: string | undefined): [string, ContractMedia] | undefined {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  const entries = Object.entries(content);
  return (
    entries.find(([m]) => m.toLowerCase() === base) ??
    entries.find(([m]) => base !== undefined && (m === '*/*' || (m.endsWith('/*') && base.startsWith(m.slice(0, -1))))) ??
    (base === undefined || isJsonMedia(base) ? entries.find(([m]) => isJsonMedia(m)) : undefined)
  );
}
