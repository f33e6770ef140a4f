/**
 * The callback every comparison reports through: kind, a pointer into each side, one line.
 */

/** Reports one change of the operation (or document) being compared. */
export type Emit = (kind: string, oldPointer: string | null, newPointer: string | null, message: string) => void;
