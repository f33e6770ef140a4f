/**
 * Power of two choices (Mitzenmacher; Finagle's and Envoy's least-request balancer): pick two
 * endpoints at random and send to the one with fewer requests in flight. Cheap, and it steers
 * around a slow endpoint without the herd behaviour of always picking the global minimum.
 * Ejected endpoints are skipped; when every endpoint is ejected all are used again (Envoy's panic
 * mode): better a likely failure than a certain one.
 */

export interface Pickable {
  pending: number;
  available(now: number): boolean;
}

/**
 * The endpoint for the next attempt. `avoid` (the endpoint the previous attempt of the same call
 * failed on) is skipped when another is available, as Envoy's `previous_hosts` retry predicate does.
 */
export function pick<E extends Pickable>(endpoints: readonly E[], now: number, avoid?: E, random = Math.random): E {
  let candidates = endpoints.filter((e) => e !== avoid && e.available(now));
  if (candidates.length === 0) candidates = endpoints.filter((e) => e.available(now));
  if (candidates.length === 0) candidates = endpoints as E[];
  if (candidates.length === 1) return candidates[0]!;
  const i = Math.floor(random() * candidates.length);
  let j = Math.floor(random() * (candidates.length - 1));
  if (j >= i) j++;
  const a = candidates[i]!;
  const b = candidates[j]!;
  return b.pending < a.pending ? b : a;
}
