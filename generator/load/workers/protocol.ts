/** Messages between the pool (pool.ts) and its workers (prepare-worker.ts). */
import type { InputProblem } from '../../errors.js';
import type { SharedFile } from '../load.js';
import type { Prepared, Source } from '../prepare.js';

/** One source to prepare; `index` is its place in the run's sorted list. */
export interface Task {
  readonly index: number;
  readonly source: Source;
  readonly refRoot: string | undefined;
}

/** A prepared source, the input problems it has, or an internal error. */
export type Reply =
  | { readonly index: number; readonly ok: true; readonly value: Prepared | SharedFile }
  | { readonly index: number; readonly ok: false; readonly problems: readonly InputProblem[] }
  | { readonly index: number; readonly ok: false; readonly error: { readonly message: string; readonly stack: string | undefined } };
