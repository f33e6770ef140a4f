/**
 * The default `onContractViolation`: one console warning per service, operation, direction and
 * pointer, so a drifting service does not flood the log. No schema compiler is loaded here.
 */
import type { ContractViolation } from './contract.js';

/** Distinct keys remembered; pointers hold array indices, so a long-lived process must not grow without bound. */
export const MAX_LOGGED_VIOLATIONS = 1000;
const seen = new Set<string>();

/**
 * Logs a violation the first time its service, operation, direction and pointer are seen, up to
 * `MAX_LOGGED_VIOLATIONS` distinct ones; then says once that further ones are not logged.
 */
export function logViolationOnce(violation: ContractViolation): void {
  const key = `${violation.service}\0${violation.operation}\0${violation.direction}\0${violation.pointer}`;
  if (seen.has(key) || seen.size > MAX_LOGGED_VIOLATIONS) return;
  seen.add(key);
  if (seen.size > MAX_LOGGED_VIOLATIONS) {
    console.warn(`svc-gen: ${MAX_LOGGED_VIOLATIONS} distinct contract violations logged; further ones are not (pass onContractViolation to see them all)`);
    return;
  }
  console.warn(
    `svc-gen: contract violation: ${violation.service}.${violation.operation} ${violation.direction}${violation.status !== undefined ? ` (${violation.status})` : ''}: ${violation.message}`,
  );
}
