/**
 * svc-gen's library API: `generate(options)` runs the same pipeline as the CLI.
 */
export { generate, type CheckReport, type GenerateResult, type ServiceReport } from './generate.js';
export type { GenerateOptions, ResolvedOptions } from './options.js';
export { MANIFEST_FILE } from './options.js';
export { SvcGenInputError, isSvcGenInputError, formatProblem, type InputErrorCode, type InputProblem, type SourceLocation } from './errors.js';
export type { VirtualFile } from './render/render.js';
