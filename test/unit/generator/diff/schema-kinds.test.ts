/**
 * Schema deltas → oasdiff-style kinds and one-line messages (diff/schema-kinds.ts): the site
 * (parameter, request body, response) and the property path pick the kind.
 */
import { describe, expect, it } from 'vitest';
import type { SchemaDelta, SchemaWhat } from '../../../../generator/diff/schema-compare.js';
import { type SchemaSite, schemaKind, schemaMessage } from '../../../../generator/diff/schema-kinds.js';

const delta = (what: SchemaWhat, path: string[] = [], detail = '', required = false): SchemaDelta => ({ what, path, required, old: '', new: '', detail });

const param: SchemaSite = { at: 'parameter', label: 'query parameter limit' };
const body: SchemaSite = { at: 'request-body', label: 'request body (application/json)' };
const response: SchemaSite = { at: 'response', label: 'response 200 (application/json)' };

describe('schemaKind', () => {
  const cases: [string, SchemaDelta, SchemaSite, string][] = [
    ['constraint on a parameter', delta('constraint', [], 'max-length-decreased: maxLength 10 to 5'), param, 'request-parameter-max-length-decreased'],
    ['constraint on the body itself', delta('constraint', [], 'max-decreased: maximum 10 to 5'), body, 'request-body-max-decreased'],
    ['constraint on a body property', delta('constraint', ['name'], 'max-decreased: maximum 10 to 5'), body, 'request-property-max-decreased'],
    ['constraint on a response property', delta('constraint', ['name'], 'min-increased: minimum 1 to 2'), response, 'response-property-min-increased'],
    ['constraint on the response body', delta('constraint', [], 'min-increased: minimum 1 to 2'), response, 'response-body-min-increased'],
    ['required response property removed', delta('property-removed', ['id'], '', true), response, 'response-required-property-removed'],
    ['optional response property removed', delta('property-removed', ['id'], '', false), response, 'response-optional-property-removed'],
    ['required response property added', delta('property-added', ['id'], '', true), response, 'response-required-property-added'],
    ['optional response property added', delta('property-added', ['id'], '', false), response, 'response-optional-property-added'],
    ['response property became optional', delta('became-optional', ['id']), response, 'response-property-became-optional'],
    ['response body type changed', delta('type-changed'), response, 'response-body-type-changed'],
    ['response property type changed', delta('type-changed', ['a', 'b']), response, 'response-property-type-changed'],
    ['oneOf branch added to the request body', delta('one-of-added'), body, 'request-body-one-of-added'],
    ['anyOf branch removed in a body property', delta('any-of-removed', ['pet']), body, 'request-property-any-of-removed'],
    ['oneOf branch added to a parameter', delta('one-of-added'), param, 'request-property-one-of-added'],
    ['request property removed', delta('property-removed', ['x'], '', true), body, 'request-property-removed'],
    ['required request property added', delta('property-added', ['x'], '', true), body, 'new-required-request-property'],
    ['optional request property added', delta('property-added', ['x'], '', false), body, 'new-optional-request-property'],
    ['request property became required', delta('became-required', ['x']), body, 'request-property-became-required'],
    ['parameter enum value removed', delta('enum-value-removed', [], '"a"'), param, 'request-parameter-enum-value-removed'],
    ['request body became nullable', delta('became-nullable'), body, 'request-body-became-nullable'],
    ['request property narrowed', delta('type-specialized', ['n']), body, 'request-property-type-specialized'],
  ];
  it.each(cases)('%s → %s', (_name, d, site, want) => expect(schemaKind(d, site)).toBe(want));
});

describe('schemaMessage', () => {
  it('names the site alone for the root schema', () => {
    expect(schemaMessage(delta('type-changed', [], 'type from string to integer'), body)).toBe(
      'request body (application/json): changed type from string to integer',
    );
  });

  it('names the property path, with array and map segments glued on', () => {
    expect(schemaMessage(delta('became-nullable', ['users', '[]', 'tags', '{}', 'name']), response)).toBe(
      'response 200 (application/json), property users[].tags{}.name: became nullable',
    );
  });

  it('says whether an added or removed property is required', () => {
    expect(schemaMessage(delta('property-added', ['id'], '', true), body)).toBe('request body (application/json), required property id: added');
    expect(schemaMessage(delta('property-removed', ['id'], '', false), response)).toBe('response 200 (application/json), optional property id: removed');
  });

  it('keeps a constraint detail after its kind suffix', () => {
    expect(schemaMessage(delta('constraint', [], 'max-length-decreased: maxLength 10 to 5'), param)).toBe('query parameter limit: maxLength 10 to 5');
  });

  const phrases: [SchemaWhat, string, string][] = [
    ['type-generalized', 'type from integer to number', 'widened type from integer to number'],
    ['type-specialized', 'type from number to integer', 'narrowed type from number to integer'],
    ['became-not-nullable', '', 'became not nullable'],
    ['enum-value-removed', 'value "b"', 'enum value "b" removed'],
    ['enum-value-added', 'value "c"', 'enum value "c" added'],
    ['became-enum', '"a", "b"', 'restricted to "a", "b"'],
    ['enum-removed', '', 'no longer restricted to an enum'],
    ['became-required', '', 'became required'],
    ['became-optional', '', 'became optional'],
    ['one-of-added', '#/components/schemas/Cat', 'oneOf branch #/components/schemas/Cat added'],
    ['one-of-removed', '1', 'oneOf branch 1 removed'],
    ['any-of-added', '2', 'anyOf branch 2 added'],
    ['any-of-removed', '3', 'anyOf branch 3 removed'],
  ];
  it.each(phrases)('%s: %j → %j', (what, detail, want) => expect(schemaMessage(delta(what, [], detail), param)).toBe(`query parameter limit: ${want}`));
});
