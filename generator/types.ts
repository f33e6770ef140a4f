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

/** The `types.ts` source for one service: openapi-typescript's output, with two inert escapes (below). */
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
    // TypeScript's printer leaves `</script` and U+2028/U+2029 raw in string literals and comments.
    // `<\/` and `\u2028` mean the same inside a string literal and are inert text in a comment.
    return (COMMENT_HEADER + astToString(nodes))
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  } catch (e) {
    throw inputError('SVCGEN_INVALID_SPEC', file, `openapi-typescript cannot type this document: ${(e as Error).message}`);
  }
}
