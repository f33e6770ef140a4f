/**
 * The shape every stage after loading reads: its own file so that load.ts and bundle.ts (and the
 * stages downstream) share it without importing each other.
 */

/** A bundled OpenAPI 3.x document (internal `#/` refs only). */
export type OpenAPIDocument = Record<string, unknown> & { openapi: string };
