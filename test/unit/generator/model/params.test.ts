/**
 * The parameter facts the model hands the template (OperationSpec.params), from literal documents:
 * defaults left out, the declared version's table, content parameters, warnings for what OpenAPI
 * leaves undefined, and content parameters given their schema for openapi-typescript.
 */
import { describe, expect, it } from 'vitest';
import { legacyStyleTable, parameterSpecs, typeContentParameters } from '../../../../generator/model/params.js';

type Json = Record<string, unknown>;

function facts(parameters: Json[], openapi = '3.1.1') {
  const warnings: string[] = [];
  const specs = parameterSpecs({ openapi }, {}, { parameters }, (m) => warnings.push(m), { path: '/a/{b}', method: 'GET' });
  const short = specs.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null && v !== false)));
  return { short, warnings };
}

describe('parameter facts', () => {
  const cases: [string, Json, Json][] = [
    ['query defaults: form, explode true', { name: 'a', in: 'query' }, { name: 'a', in: 'query' }],
    ['form with explode false', { name: 'a', in: 'query', explode: false }, { name: 'a', in: 'query', explodeFalse: true }],
    ['form with explode true (the default) is not repeated', { name: 'a', in: 'query', style: 'form', explode: true }, { name: 'a', in: 'query' }],
    ['path label, exploded', { name: 'a', in: 'path', style: 'label', explode: true }, { name: 'a', in: 'path', style: 'label', explodeTrue: true }],
    ['deepObject', { name: 'a', in: 'query', style: 'deepObject', explode: true }, { name: 'a', in: 'query', style: 'deepObject', explodeTrue: true }],
    [
      'allowReserved and allowEmptyValue',
      { name: 'a', in: 'query', allowReserved: true, allowEmptyValue: true },
      { name: 'a', in: 'query', allowReserved: true, allowEmptyValue: true },
    ],
    ['allowReserved outside a query is ignored, as OpenAPI says', { name: 'a', in: 'header', allowReserved: true }, { name: 'a', in: 'header' }],
    ['a cookie', { name: 'a', in: 'cookie' }, { name: 'a', in: 'cookie' }],
    ['a content parameter', { name: 'a', in: 'cookie', content: { 'application/json': {} } }, { name: 'a', in: 'cookie', content: 'application/json' }],
  ];
  it.each(cases)('%s', (_name, param, want) => {
    expect(facts([param])).toEqual({ short: [want], warnings: [] });
  });

  it('documents of 3.0.0–3.0.3 and 3.1.0 mark the styles whose bytes differ in their table', () => {
    expect(['3.0.0', '3.0.3', '3.1.0', '3.0.4', '3.1.1', '3.2.0'].map((v) => legacyStyleTable({ openapi: v }))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const params = ['label', 'pipeDelimited', 'deepObject', 'matrix', 'spaceDelimited'].map((style) => ({
      name: style,
      in: style === 'label' || style === 'matrix' ? 'path' : 'query',
      style,
    }));
    expect(facts(params, '3.0.3').short.map((f) => f['legacy'] === true)).toEqual([true, true, true, false, false]);
    expect(facts(params, '3.1.1').short.map((f) => f['legacy'] === true)).toEqual([false, false, false, false, false]);
  });

  it.each([
    [
      { name: 'a', in: 'query', style: 'matrix' },
      'query parameter "a" (#/paths/~1a~1{b}/get/parameters/0): style "matrix" is not defined for query parameters; calls with it fail with invalid_usage',
    ],
    [
      { name: 'a', in: 'query', style: 'pipeDelimited', explode: true },
      'query parameter "a" (#/paths/~1a~1{b}/get/parameters/0): pipeDelimited with explode: true is undefined by OpenAPI; calls with it fail with invalid_usage',
    ],
    [
      { name: 'a', in: 'query', content: { 'text/plain': {} } },
      'query parameter "a" (#/paths/~1a~1{b}/get/parameters/0): content "text/plain" is sent as JSON text',
    ],
    [
      { name: 'a', in: 'querystring', content: { 'application/x-www-form-urlencoded': {} } },
      'parameter "a" (#/paths/~1a~1{b}/get/parameters/0): in "querystring" is not a location svc-gen sends; it is not sent',
    ],
  ])('%j is reported at generation', (param, warning) => {
    expect(facts([param]).warnings).toEqual([warning]);
  });
});

describe('content parameters for openapi-typescript', () => {
  it('get the schema of their media type (path item, operation and components), others are untouched', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const doc: Json = {
      paths: {
        '/x': {
          parameters: [{ name: 'p', in: 'query', content: { 'application/json': { schema } } }],
          get: {
            parameters: [
              { name: 'o', in: 'header', content: { 'application/json': {} } },
              { name: 's', in: 'query', schema: { type: 'string' } },
            ],
          },
        },
      },
      components: { parameters: { C: { name: 'c', in: 'cookie', content: { 'application/json': { schema } } } } },
    };
    typeContentParameters(doc);
    const item = (doc['paths'] as Json)['/x'] as Json;
    expect((item['parameters'] as Json[])[0]!['schema']).toBe(schema);
    expect(((item['get'] as Json)['parameters'] as Json[]).map((p) => p['schema'])).toEqual([{}, { type: 'string' }]);
    expect(((doc['components'] as Json)['parameters'] as Json)['C']).toMatchObject({ schema });
  });
});
