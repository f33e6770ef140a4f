/**
 * Errors with a stable `code` (tests and callers branch on it; the message is prose).
 * Branded with `Symbol.for` so `isSvcGenError` works across duplicate copies of the package, as undici does.
 */

const BRAND = Symbol.for('svc-gen.error');

/** Every reason svc-gen refuses its input (the specs, and the `--out` it is pointed at). All map to exit code 2. */
export type InputErrorCode =
  | 'SVCGEN_NO_SPECS'
  | 'SVCGEN_PATH_NOT_FOUND'
  | 'SVCGEN_SYNTAX'
  | 'SVCGEN_UNRESOLVED_REF'
  | 'SVCGEN_NOT_OPENAPI'
  | 'SVCGEN_INVALID_SPEC'
  | 'SVCGEN_DUPLICATE_SERVICE'
  | 'SVCGEN_CONFIG'
  | 'SVCGEN_USAGE'
  /** Nesting deeper than the limit, or YAML aliases that expand too much (hostile or broken input). */
  | 'SVCGEN_RESOURCE_LIMIT'
  /** A symlink among the specs that leads outside the folder it was found in. */
  | 'SVCGEN_OUTSIDE_FOLDER'
  /** A service name that cannot be a folder on every platform (reserved on Windows, too long). */
  | 'SVCGEN_UNSAFE_NAME'
  /** Another svc-gen run holds `<out>`'s lock. */
  | 'SVCGEN_OUT_LOCKED'
  /** A generated path is taken by something svc-gen did not generate (a user file, a directory, a symlink). */
  | 'SVCGEN_OUT_CONFLICT'
  /** `<out>` cannot be written (read-only, full, no permission); nothing in it was changed. */
  | 'SVCGEN_OUT_UNWRITABLE';

/** Where in an input file a problem is: a line/column (1-based) and/or a JSON pointer. */
export interface SourceLocation {
  line?: number;
  column?: number;
  pointer?: string;
}

/** One problem with one input: file, location, reason. */
export interface InputProblem {
  code: InputErrorCode;
  file: string;
  location: SourceLocation;
  reason: string;
}

/** Formats a problem as `file:line:col (pointer): reason`, the shape editors and CI logs link. */
export function formatProblem(p: InputProblem): string {
  const { line, column, pointer } = p.location;
  let where = p.file;
  if (line !== undefined) where += `:${line}${column !== undefined ? `:${column}` : ''}`;
  if (pointer !== undefined) where += ` (${pointer === '' ? '#' : `#${pointer}`})`;
  return `${where}: ${p.reason}`;
}

/** Thrown when the inputs cannot be generated from; carries every problem found, not just the first. */
export class SvcGenInputError extends Error {
  readonly [BRAND] = true;
  readonly code: InputErrorCode;
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    const first = problems[0];
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SvcGenInputError';
    this.code = first?.code ?? 'SVCGEN_USAGE';
    this.problems = problems;
  }
}

/** Shorthand for a single-problem input error. */
export function inputError(code: InputErrorCode, file: string, reason: string, location: SourceLocation = {}): SvcGenInputError {
  return new SvcGenInputError([{ code, file, location, reason }]);
}

/** True for any svc-gen input error, even one thrown by another copy of this package. */
export function isSvcGenInputError(e: unknown): e is SvcGenInputError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
