/**
 * Where this copy of the runtime lives, and a `require` that resolves from here (for the optional
 * `@opentelemetry/api`). The CommonJS build replaces this file with here-cjs.cts: `import.meta`
 * does not parse in CommonJS.
 */
import { createRequire } from 'node:module';

/** URL of this module: names this copy of the runtime in errors. */
export const moduleUrl: string = import.meta.url;

/** `require` resolving from this module's folder. */
export const requireHere: NodeJS.Require = createRequire(import.meta.url);
