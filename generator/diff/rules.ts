/**
 * The rules table: every `kind` svc-gen diff can report, its level from the client's side, and
 * whether the id is oasdiff's (checker/localizations_src/en/messages.yaml). Ids are reused from
 * oasdiff wherever it has the same check; levels follow it except where a generated, typed client
 * makes the change break compilation (noted per row).
 */

import type { Level } from './change-types.js';
import { BOUND_CHANGES } from './schema-compare.js';

/** One row: level and whether oasdiff has a check of the same id. */
export interface Rule {
  readonly level: Level;
  readonly oasdiff: boolean;
  /** Why the level differs from oasdiff's, or why svc-gen has its own id. */
  readonly note?: string;
}

const B = 'breaking' as const;
const N = 'nonBreaking' as const;
const W = 'warning' as const;

/** Every kind, by id. */
export const RULES: Readonly<Record<string, Rule>> = {
  // services (a folder side is matched per service)
  'service-removed': { level: B, oasdiff: false, note: 'a whole spec disappeared from the folder' },
  'service-added': { level: N, oasdiff: false },
  // paths and operations
  'api-path-removed-without-deprecation': { level: B, oasdiff: true },
  'api-path-removed-with-deprecation': { level: B, oasdiff: true, note: 'oasdiff: INFO; the generated method still disappears' },
  'api-removed-without-deprecation': { level: B, oasdiff: true },
  'api-removed-with-deprecation': { level: B, oasdiff: true, note: 'oasdiff: INFO; the generated method still disappears' },
  'endpoint-added': { level: N, oasdiff: true },
  'api-method-changed': { level: B, oasdiff: false, note: 'same operationId under another method of the same path' },
  'api-path-changed': { level: B, oasdiff: false, note: 'same operationId and method under another path' },
  'api-operation-id-removed': { level: B, oasdiff: true, note: 'reported only when the generated method name changes: a rename for consumers' },
  'api-operation-id-added': { level: B, oasdiff: true, note: 'reported only when the generated method name changes (it was derived from method + path)' },
  // parameters
  'new-required-request-parameter': { level: B, oasdiff: true },
  'new-optional-request-parameter': { level: N, oasdiff: true },
  'request-parameter-removed': { level: W, oasdiff: true },
  'request-parameter-became-required': { level: B, oasdiff: true },
  'request-parameter-became-optional': { level: N, oasdiff: true },
  'request-parameter-style-changed': { level: B, oasdiff: false, note: 'style/explode change the bytes on the wire' },
  'request-parameter-type-changed': { level: B, oasdiff: true },
  'request-parameter-type-generalized': { level: N, oasdiff: true },
  'request-parameter-became-nullable': { level: N, oasdiff: true },
  'request-parameter-became-not-nullable': { level: B, oasdiff: true },
  'request-parameter-enum-value-removed': { level: B, oasdiff: true },
  'request-parameter-enum-value-added': { level: N, oasdiff: true },
  'request-parameter-became-enum': { level: B, oasdiff: true },
  'request-parameter-enum-removed': { level: N, oasdiff: false, note: 'any value accepted now' },
  // request body
  'request-body-added-required': { level: B, oasdiff: true },
  'request-body-added-optional': { level: N, oasdiff: true },
  'request-body-removed': { level: W, oasdiff: false, note: 'the server ignores what the client still sends; the generated body argument disappears' },
  'request-body-became-required': { level: B, oasdiff: true },
  'request-body-became-optional': { level: N, oasdiff: true },
  'request-body-media-type-removed': { level: B, oasdiff: true },
  'request-body-media-type-added': { level: N, oasdiff: true },
  'request-body-type-changed': { level: B, oasdiff: true },
  'request-body-type-generalized': { level: N, oasdiff: true },
  'request-body-became-nullable': { level: N, oasdiff: true },
  'request-body-became-not-nullable': { level: B, oasdiff: true },
  'request-body-enum-value-removed': { level: B, oasdiff: true },
  'request-body-enum-value-added': { level: N, oasdiff: false },
  'request-body-became-enum': { level: B, oasdiff: true },
  'request-body-enum-removed': { level: N, oasdiff: false },
  'request-property-type-changed': { level: B, oasdiff: true },
  'request-property-type-generalized': { level: N, oasdiff: true },
  'request-property-became-nullable': { level: N, oasdiff: true },
  'request-property-became-not-nullable': { level: B, oasdiff: true },
  'request-property-enum-value-removed': { level: B, oasdiff: true },
  'request-property-enum-value-added': { level: N, oasdiff: true },
  'request-property-became-enum': { level: B, oasdiff: true },
  'request-property-enum-removed': { level: N, oasdiff: false },
  'new-required-request-property': { level: B, oasdiff: true },
  'new-optional-request-property': { level: N, oasdiff: true },
  'request-property-removed': { level: W, oasdiff: true },
  'request-property-became-required': { level: B, oasdiff: true },
  'request-property-became-optional': { level: N, oasdiff: true },
  // responses
  'response-success-status-removed': { level: B, oasdiff: true },
  'response-success-status-added': { level: N, oasdiff: true },
  'response-non-success-status-removed': { level: N, oasdiff: true },
  'response-non-success-status-added': { level: N, oasdiff: true },
  'response-media-type-removed': { level: B, oasdiff: true },
  'response-media-type-added': { level: N, oasdiff: true },
  'response-body-type-changed': { level: B, oasdiff: true },
  'response-body-type-specialized': { level: N, oasdiff: false, note: 'narrower response values still fit the old type' },
  'response-property-type-changed': { level: B, oasdiff: true },
  'response-property-type-specialized': { level: N, oasdiff: false, note: 'narrower response values still fit the old type' },
  'response-body-became-nullable': { level: B, oasdiff: true },
  'response-body-became-not-nullable': { level: N, oasdiff: true },
  'response-property-became-nullable': { level: B, oasdiff: true },
  'response-property-became-not-nullable': { level: N, oasdiff: true },
  'response-body-enum-value-added': { level: W, oasdiff: false, note: 'as response-property-enum-value-added, for the body itself' },
  'response-property-enum-value-added': { level: W, oasdiff: true },
  'response-body-enum-value-removed': { level: N, oasdiff: false },
  'response-property-enum-value-removed': { level: N, oasdiff: true },
  'response-body-became-enum': { level: N, oasdiff: false },
  'response-property-became-enum': { level: N, oasdiff: false },
  'response-body-enum-removed': { level: W, oasdiff: false, note: 'any value may come back now' },
  'response-property-enum-removed': { level: W, oasdiff: false, note: 'any value may come back now' },
  'response-required-property-removed': { level: B, oasdiff: true },
  'response-optional-property-removed': {
    level: B,
    oasdiff: true,
    note: 'oasdiff: WARN; the property leaves the generated type, so code reading it stops compiling',
  },
  'response-required-property-added': { level: N, oasdiff: true },
  'response-optional-property-added': { level: N, oasdiff: true },
  'response-property-became-optional': { level: B, oasdiff: true },
  'response-property-became-required': { level: N, oasdiff: true },
  'required-response-header-removed': { level: B, oasdiff: true },
  'optional-response-header-removed': { level: W, oasdiff: true },
  'response-header-became-optional': { level: B, oasdiff: true },
  // oneOf / anyOf branches (paired by $ref target or inline text)
  'request-body-one-of-added': { level: N, oasdiff: true },
  'request-body-one-of-removed': { level: B, oasdiff: true },
  'request-property-one-of-added': { level: N, oasdiff: true },
  'request-property-one-of-removed': { level: B, oasdiff: true },
  'request-body-any-of-added': { level: N, oasdiff: true },
  'request-body-any-of-removed': { level: B, oasdiff: true },
  'request-property-any-of-added': { level: N, oasdiff: true },
  'request-property-any-of-removed': { level: B, oasdiff: true },
  'response-body-one-of-added': { level: B, oasdiff: true },
  'response-body-one-of-removed': { level: N, oasdiff: true },
  'response-property-one-of-added': { level: B, oasdiff: true },
  'response-property-one-of-removed': { level: N, oasdiff: true },
  'response-body-any-of-added': { level: N, oasdiff: true, note: 'oasdiff: INFO' },
  'response-body-any-of-removed': { level: N, oasdiff: true },
  'response-property-any-of-added': { level: N, oasdiff: true, note: 'oasdiff: INFO' },
  'response-property-any-of-removed': { level: N, oasdiff: true },
  // security and servers
  'api-security-required': {
    level: B,
    oasdiff: false,
    note: 'a way the client authenticated no longer suffices (new scheme required, or no more anonymous calls)',
  },
  'api-security-added': { level: N, oasdiff: true, note: 'a scheme accepted as a new alternative' },
  'api-security-removed': { level: N, oasdiff: true },
  'api-global-security-required': { level: B, oasdiff: false, note: 'as api-security-required, for the top-level security' },
  'api-global-security-added': { level: N, oasdiff: true },
  'api-global-security-removed': { level: N, oasdiff: true },
  'api-server-base-path-changed': { level: B, oasdiff: false, note: 'oasdiff has no server rules; every path the client sends moves' },
  'api-server-url-changed': { level: W, oasdiff: false, note: 'same base path on another host: check the registry endpoints' },
};

/**
 * Numeric bounds (maximum, maxLength, minItems, …), as oasdiff levels them: in a request a tighter
 * bound breaks (ERR), a looser one does not (INFO), a new one may (WARN); in a response every
 * looser bound it checks breaks (ERR: a client validating or sizing by the old bound fails).
 */
const BOUND_RULES: Record<string, Rule> = {};
for (const where of ['parameter', 'body', 'property']) {
  for (const change of BOUND_CHANGES.request) {
    const level = change.endsWith('-set') ? W : /^max.*-decreased$|^min.*-increased$/.test(change) ? B : N;
    BOUND_RULES[`request-${where}-${change}`] = { level, oasdiff: true };
  }
}
for (const where of ['body', 'property']) for (const change of BOUND_CHANGES.response) BOUND_RULES[`response-${where}-${change}`] = { level: B, oasdiff: true };

/** Every kind, with the bounds rows. */
const ALL: Readonly<Record<string, Rule>> = { ...RULES, ...BOUND_RULES };

/** Every kind id and its rule. */
export function allRules(): Readonly<Record<string, Rule>> {
  return ALL;
}

/** The level of `kind`; throws on an id missing from the table (a bug, not bad input). */
export function levelOf(kind: string): Level {
  const rule = ALL[kind];
  if (!rule) throw new Error(`svc-gen diff: kind ${kind} is not in the rules table`);
  return rule.level;
}
