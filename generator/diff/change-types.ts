/**
 * What `svc-gen diff` reports: one `Change` per difference, classified from the client's side.
 */

/** How a change affects a client that was generated from the old spec. */
export type Level = 'breaking' | 'nonBreaking' | 'warning';

/** Where a change is, as a JSON pointer into each side's bundled document (null on the side it does not exist). */
export interface ChangePointer {
  readonly old: string | null;
  readonly new: string | null;
}

/** One difference between the old and the new spec. */
export interface Change {
  /** Stable identifier (oasdiff's rule id where oasdiff has one), e.g. `response-property-removed`. */
  readonly kind: string;
  /** `METHOD /path` (as written in the old spec, or the new one for an added operation); null for document-level changes. */
  readonly operation: string | null;
  readonly pointer: ChangePointer;
  /** One line, for people. */
  readonly message: string;
  /** The service (registry key) the change is in. */
  readonly service: string;
  /** Consumer call sites (`file:line`) that stop compiling; set only with `--consumer`. */
  readonly callSites?: readonly string[];
}

/** A change before the rules table has classified it. */
export type RawChange = Omit<Change, 'callSites'>;

/** The whole comparison, grouped by level. */
export interface DiffReport {
  readonly breaking: readonly Change[];
  readonly nonBreaking: readonly Change[];
  readonly warnings: readonly Change[];
  /** Consumer diagnostics that appeared with the new clients but could not be tied to one breaking change. */
  readonly otherCallSites?: readonly string[];
}
