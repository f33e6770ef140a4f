/**
 * The default `onContractViolation`: one console warning per service, operation, direction and
 * pointer, so a drifting service does not flood the log. No schema compiler is loaded here.
 */
import type { ContractViolation } from './contract.js';

const seen = new Set<string>();

/** Logs a violation the first time its service, operation, direction and pointer are seen. */
export function logViolationOnce(violation: ContractViolation): void {
  const key = `${violation.service}\0${violation.operation}\0${violation.direction}\0${violation.pointer}`;
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(
    `svc-gen: contract violation: ${violation.service}.${violation.operation} ${violation.direction}${violation.status !== undefined ? ` (${violation.status})` : ''}: ${violation.message}`,
  );
}
