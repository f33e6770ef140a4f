/**
 * Types of the three openapi-typescript modules svc-gen imports directly (the package's `./*`
 * export allows it; they ship no .d.ts of their own). Importing them instead of the package's
 * index avoids loading @redocly/openapi-core's bundler, which the index pulls in at start-up.
 * The signatures are the index's own (openapi-typescript 7.13, pinned exactly).
 */
declare module 'openapi-typescript/dist/transform/index.mjs' {
  const transformSchema: typeof import('openapi-typescript').transformSchema;
  export default transformSchema;
}
declare module 'openapi-typescript/dist/lib/utils.mjs' {
  export const scanDiscriminators: typeof import('openapi-typescript').scanDiscriminators;
  export const resolveRef: typeof import('openapi-typescript').resolveRef;
}
declare module 'openapi-typescript/dist/lib/ts.mjs' {
  export const astToString: typeof import('openapi-typescript').astToString;
}
