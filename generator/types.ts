/**
 * Bundled document → openapi-typescript's output text. svc-gen has already parsed, bundled and
 * validated the document, so it calls openapi-typescript's transform directly (its public
 * `transformSchema`) instead of `openapiTS()`, whose own redocly bundle would walk the whole
 * document a second time (~40% of the time on the GitHub spec). The context below mirrors the
 * defaults `openapiTS()` uses (openapi-typescript 7.13, pinned).
 */
import type { GlobalContext, OpenAPI3 } from 'openapi-typescript';
import { inputError } from './errors.js';
import type { OpenAPIDocument } from './load.js';

/** The `types.ts` source for one service: openapi-typescript's output, with two inert escapes (below). */
export async function typesSource(file: string, document: OpenAPIDocument): Promise<string> {
  const ot = await import('openapi-typescript');
  try {
    // openapi-typescript may annotate the object it is given; hand it a copy so the model's input stays pristine.
    const schema = structuredClone(document) as unknown as OpenAPI3;
    const ctx: GlobalContext = {
      additionalProperties: false,
      alphabetize: false,
      arrayLength: false,
      defaultNonNullable: true,
      discriminators: ot.scanDiscriminators(schema, { silent: true }),
      emptyObjectsUnknown: false,
      enum: false,
      enumValues: false,
      conditionalEnums: false,
      dedupeEnums: false,
      excludeDeprecated: false,
      exportType: false,
      immutable: false,
      rootTypes: false,
      rootTypesNoSchemaPrefix: false,
      rootTypesKeepCasing: false,
      injectFooter: [],
      pathParamsAsTypes: false,
      postTransform: undefined,
      transform: undefined,
      transformProperty: undefined,
      propertiesRequiredByDefault: false,
      redoc: undefined as unknown as GlobalContext['redoc'], // only read by openapiTS()'s bundle step, which is skipped
      silent: true,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: false,
      resolve: ($ref) => ot.resolveRef(schema, $ref, { silent: true }),
    };
    const nodes = ot.transformSchema(schema, ctx);
    // TypeScript's printer leaves `</script` and U+2028/U+2029 raw in string literals and comments,
    // and control characters (NUL…) raw in comments. `<\/` and `\u2028` mean the same inside a
    // string literal, and all of them are inert text in a comment.
    return (ot.COMMENT_HEADER + ot.astToString(nodes))
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch (e) {
    throw inputError('SVCGEN_INVALID_SPEC', file, `openapi-typescript cannot type this document: ${(e as Error).message}`);
  }
}
