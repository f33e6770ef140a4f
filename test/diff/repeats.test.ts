/**
 * One schema reached along two routes yields one change, not two. Excerpt of Figma's REST spec
 * (0.42.0 → 0.43.0): POST /v1/files/{file_key}/variables takes `variables[]` as a oneOf of
 * VariableCreate and VariableUpdate, both with `scopes[]` of the shared VariableScope enum; the
 * enum gained COLOR_OPACITY and svc-gen diff listed the change twice, word for word.
 */
import { describe, expect, it } from 'vitest';
import { diffDocs, kindsOf } from './helpers.js';

type Json = Record<string, any>;

function figmaExcerpt(scopes: string[]): Json {
  const withScopes = (action: string) => ({
    type: 'object',
    properties: { action: { type: 'string', enum: [action] }, scopes: { type: 'array', items: { $ref: '#/components/schemas/VariableScope' } } },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Figma (excerpt)', version: '1' },
    paths: {
      '/v1/files/{file_key}/variables': {
        post: {
          operationId: 'postVariables',
          parameters: [{ name: 'file_key', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    variables: {
                      type: 'array',
                      items: { oneOf: [{ $ref: '#/components/schemas/VariableCreate' }, { $ref: '#/components/schemas/VariableUpdate' }] },
                    },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: { schemas: { VariableScope: { type: 'string', enum: scopes }, VariableCreate: withScopes('CREATE'), VariableUpdate: withScopes('UPDATE') } },
  };
}

describe('repeated changes', () => {
  it('an enum value added to a schema under two oneOf branches is reported once', () => {
    const report = diffDocs(figmaExcerpt(['ALL_SCOPES', 'TEXT_CONTENT']), figmaExcerpt(['ALL_SCOPES', 'TEXT_CONTENT', 'COLOR_OPACITY']));
    expect(kindsOf(report)).toEqual([['request-property-enum-value-added', 'N']]);
    expect(report.nonBreaking[0]?.message).toMatch(/variables\[\]\.scopes\[\]: enum value "COLOR_OPACITY" added/);
  });
});
