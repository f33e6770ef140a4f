/**
 * Bundled document → openapi-typescript's output text. It is handed the already-bundled object
 * (never the file, so nothing is parsed twice) and a redocly config with no lint rules: svc-gen
 * validated the document itself, and openapi-typescript's default lint would re-walk big specs.
 */
import type { Config } from '@redocly/openapi-core';
import type { OpenAPI3 } from 'openapi-typescript';
import { inputError } from './errors.js';
import type { OpenAPIDocument } from './load.js';

let configPromise: Promise<Config> | undefined;

/** The `types.ts` source for one service, exactly as `openapi-typescript` would print it. */
export async function typesSource(file: string, document: OpenAPIDocument): Promise<string> {
  const [{ default: openapiTS, astToString, COMMENT_HEADER }, { createConfig }] = await Promise.all([
    import('openapi-typescript'),
    import('@redocly/openapi-core'),
  ]);
  configPromise ??= createConfig({ rules: {} });
  const redocly = await configPromise;
  try {
    // openapi-typescript may annotate the object it is given; hand it a copy so the model's input stays pristine.
    const nodes = await openapiTS(structuredClone(document) as unknown as OpenAPI3, { silent: true, redocly });
    return COMMENT_HEADER + astToString(nodes);
  } catch (e) {
    throw inputError('SVCGEN_INVALID_SPEC', file, `openapi-typescript cannot type this document: ${(e as Error).message}`);
  }
}
