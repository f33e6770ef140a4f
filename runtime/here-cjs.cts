/**
 * The CommonJS build's here.ts (runtime/build.mjs puts it in place): the same two values from
 * `__filename` and `require`, without `import.meta`.
 */
import { pathToFileURL } from 'node:url';

/** URL of this module: names this copy of the runtime in errors. */
export const moduleUrl: string = pathToFileURL(__filename).href;

/** `require` resolving from this module's folder. */
export const requireHere: NodeJS.Require = require;
