/**
 * The machine-readable report `--json` prints on stdout (one object per run; one line per run
 * under `--watch`). Paths are POSIX and relative to the working directory, times are whole ms.
 * `schemaVersion` changes only when a field is removed or changes meaning; new fields may appear.
 */
import path from 'node:path';
import type { InputErrorCode, InputProblem } from '../errors.js';
import type { GenerateResult } from '../generate.js';

/** One service in the report. */
export interface JsonServiceReport {
  /** Registry key: `getService(key)`, the folder under `out`. */
  key: string;
  /** Generated client class name. */
  name: string;
  /** Entry spec file. */
  spec: string;
  /** Every file read for this service: the entry and the files its `$ref`s reached. */
  inputs: string[];
  operations: number;
  /** Generated files of this service, relative to `out`. */
  files: string[];
  ms: number;
  warnings: string[];
  /** `--watch` only: true when the service was not re-read because none of its inputs changed. */
  reused: boolean;
}

/** One error (exit code 2 or 3). */
export interface JsonError {
  code: InputErrorCode | 'SVCGEN_INTERNAL';
  /** The file at fault (relative when under the working directory); null for usage errors. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** JSON pointer into the file, when known. */
  pointer: string | null;
  reason: string;
}

/** `--check` findings. */
export interface JsonCheck {
  upToDate: boolean;
  stale: { path: string; diff: string }[];
  missing: string[];
  extra: string[];
}

/** What `svc-gen --json` prints. */
export interface JsonReport {
  schemaVersion: 1;
  /** True exactly when `exitCode` is 0. */
  ok: boolean;
  /** 0 ok, 1 check found drift, 2 usage or input error, 3 internal error. */
  exitCode: number;
  mode: 'write' | 'check';
  /** Output directory, or null when the run stopped before knowing it. */
  out: string | null;
  /** The config file used, or null. */
  config: string | null;
  /** The command that regenerates `out` (what to run when `--check` fails), or null before it is known. */
  fixCommand: string | null;
  services: JsonServiceReport[];
  /** Files found in a scanned folder that are shared parts, not services (no `openapi`/`swagger` at their top level); skipped. */
  shared: string[];
  summary: {
    services: number;
    operations: number;
    /** Every file generated, the manifest included. */
    files: number;
    written: number;
    removed: number;
    warnings: number;
    errors: number;
    ms: number;
  };
  /** Write mode: files written and removed, relative to `out`. */
  written: string[];
  removed: string[];
  /** Check mode: the findings; null in write mode or when the run failed. */
  check: JsonCheck | null;
  /** Every warning, prefixed with its service's key where it has one. */
  warnings: string[];
  errors: JsonError[];
}

/** Context the report needs besides the result. */
export interface ReportContext {
  readonly cwd: string;
  readonly mode: 'write' | 'check';
  readonly out: string | undefined;
  readonly config: string | undefined;
  readonly fixCommand: string | undefined;
}

/** The report of a run that generated (or checked). */
export function jsonReport(result: GenerateResult, exitCode: number, ctx: ReportContext): JsonReport {
  const rel = (f: string) => displayPath(f, ctx.cwd);
  const services = result.services.map((s) => ({
    key: s.name,
    name: s.className,
    spec: rel(s.file),
    inputs: s.inputs.map(rel),
    operations: s.operations,
    files: [...s.files],
    ms: Math.round(s.ms),
    warnings: [...s.warnings],
    reused: s.reused,
  }));
  const check = result.check
    ? {
        upToDate: result.check.upToDate,
        stale: result.check.stale.map((s) => ({ path: s.path, diff: s.diff })),
        missing: [...result.check.missing],
        extra: [...result.check.extra],
      }
    : null;
  return {
    ...head(exitCode, ctx),
    services,
    shared: result.shared.map(rel),
    summary: {
      services: services.length,
      operations: services.reduce((n, s) => n + s.operations, 0),
      files: result.files.length,
      written: result.written.length,
      removed: result.removed.length,
      warnings: result.warnings.length,
      errors: 0,
      ms: Math.round(result.ms),
    },
    written: [...result.written],
    removed: [...result.removed],
    check,
    warnings: [...result.warnings],
    errors: [],
  };
}

/** The report of a run that stopped on errors before generating. */
export function jsonErrorReport(errors: readonly JsonError[], exitCode: number, ctx: ReportContext, ms: number): JsonReport {
  return {
    ...head(exitCode, ctx),
    services: [],
    shared: [],
    summary: { services: 0, operations: 0, files: 0, written: 0, removed: 0, warnings: 0, errors: errors.length, ms: Math.round(ms) },
    written: [],
    removed: [],
    check: null,
    warnings: [],
    errors: [...errors],
  };
}

/** An input problem as a report error. */
export function jsonError(p: InputProblem, cwd: string): JsonError {
  return {
    code: p.code,
    file: displayPath(p.file, cwd),
    line: p.location.line ?? null,
    column: p.location.column ?? null,
    pointer: p.location.pointer ?? null,
    reason: p.reason,
  };
}

function head(exitCode: number, ctx: ReportContext) {
  return {
    schemaVersion: 1 as const,
    ok: exitCode === 0,
    exitCode,
    mode: ctx.mode,
    out: ctx.out === undefined ? null : displayPath(ctx.out, ctx.cwd),
    config: ctx.config === undefined ? null : displayPath(ctx.config, ctx.cwd),
    fixCommand: ctx.fixCommand ?? null,
  };
}

/** Paths under `cwd` are shown relative to it (POSIX), as compilers do; others stay absolute. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
