/**
 * svc-gen's library API: `generate(options)` runs the same pipeline as the CLI and returns the
 * result the CLI reports; `jsonReport(result, …)` is what `svc-gen --json` prints for it.
 */

export { type JsonCheck, type JsonError, type JsonReport, type JsonServiceReport, jsonReport, type ReportContext } from './cli/report.js';
export { CONFIG_FILES, type LoadedConfig, loadConfig, type ServiceConfig, type SvcGenConfig } from './config/config.js';
export type { GenerateOptions, ResolvedOptions, ResolvedService } from './config/options.js';
export { DEFAULTS_FILE, MANIFEST_FILE } from './config/options.js';
export { formatProblem, type InputErrorCode, type InputProblem, isSvcGenInputError, type SourceLocation, SvcGenInputError } from './errors.js';
export { type CheckReport, type GenerateResult, generate, type ServiceReport } from './generate.js';
export type { VirtualFile } from './render/render.js';
