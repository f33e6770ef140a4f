/**
 * svc-gen's library API: `generate(options)` runs the same pipeline as the CLI and returns the
 * result the CLI reports; `jsonReport(result, …)` is what `svc-gen --json` prints for it.
 */
export { generate, type CheckReport, type GenerateResult, type ServiceReport } from './generate.js';
export type { GenerateOptions, ResolvedOptions, ResolvedService } from './config/options.js';
export { MANIFEST_FILE, DEFAULTS_FILE } from './config/options.js';
export { loadConfig, CONFIG_FILES, type SvcGenConfig, type ServiceConfig, type LoadedConfig } from './config/config.js';
export { jsonReport, type JsonReport, type JsonServiceReport, type JsonCheck, type JsonError, type ReportContext } from './cli/report.js';
export { SvcGenInputError, isSvcGenInputError, formatProblem, type InputErrorCode, type InputProblem, type SourceLocation } from './errors.js';
export type { VirtualFile } from './render/render.js';
