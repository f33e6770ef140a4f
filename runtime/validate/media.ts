/**
 * Matching a body to what the spec declares: is a media type JSON, which declared media fits a
 * content type, which declared response (exact status, `4XX` range, `default`) fits a status.
 */
import { isJsonMedia } from '../json-media.js';
import type { ContractMedia, ContractOperation } from './contract.js';

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
