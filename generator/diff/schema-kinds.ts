/**
 * Schema deltas → kinds and messages. Where the schema sits (a parameter, the request body, a
 * response) and the delta's property path pick oasdiff's id: `request-body-…` for the body itself,
 * `request-property-…` for a property in it, `response-required-property-removed`, and so on.
 */
import type { SchemaDelta } from './schema-compare.js';

/** The schema's place in the operation, and how to name it in a message. */
export type SchemaSite =
  | { readonly at: 'parameter'; readonly label: string }
  | { readonly at: 'request-body'; readonly label: string }
  | { readonly at: 'response'; readonly label: string };

/** The kind of `d` at `site`. */
export function schemaKind(d: SchemaDelta, site: SchemaSite): string {
  const inside = d.path.length > 0;
  if (d.what === 'constraint') {
    const suffix = d.detail.slice(0, d.detail.indexOf(':'));
    if (site.at === 'parameter') return `request-parameter-${suffix}`;
    return `${site.at === 'response' ? 'response' : 'request'}-${inside ? 'property' : 'body'}-${suffix}`;
  }
  if (site.at === 'response') {
    if (d.what === 'property-removed') return d.required ? 'response-required-property-removed' : 'response-optional-property-removed';
    if (d.what === 'property-added') return d.required ? 'response-required-property-added' : 'response-optional-property-added';
    if (d.what === 'became-optional' || d.what === 'became-required') return `response-property-${d.what}`;
    return `response-${inside ? 'property' : 'body'}-${d.what}`;
  }
  if (d.what.endsWith('-of-added') || d.what.endsWith('-of-removed')) return `request-${inside || site.at === 'parameter' ? 'property' : 'body'}-${d.what}`;
  if (d.what === 'property-removed') return 'request-property-removed';
  if (d.what === 'property-added') return d.required ? 'new-required-request-property' : 'new-optional-request-property';
  if (d.what === 'became-optional' || d.what === 'became-required') return `request-property-${d.what}`;
  if (site.at === 'parameter') return `request-parameter-${d.what}`;
  return `request-${inside ? 'property' : 'body'}-${d.what}`;
}

const PHRASES: Readonly<Record<SchemaDelta['what'], (detail: string) => string>> = {
  'type-changed': (d) => `changed ${d}`,
  'type-generalized': (d) => `widened ${d}`,
  'type-specialized': (d) => `narrowed ${d}`,
  'became-nullable': () => 'became nullable',
  'became-not-nullable': () => 'became not nullable',
  'enum-value-removed': (d) => `enum ${d} removed`,
  'enum-value-added': (d) => `enum ${d} added`,
  'became-enum': (d) => `restricted to ${d}`,
  'enum-removed': () => 'no longer restricted to an enum',
  'property-removed': () => 'removed',
  'property-added': () => 'added',
  'became-required': () => 'became required',
  'became-optional': () => 'became optional',
  'one-of-added': (d) => `oneOf branch ${d} added`,
  'one-of-removed': (d) => `oneOf branch ${d} removed`,
  'any-of-added': (d) => `anyOf branch ${d} added`,
  'any-of-removed': (d) => `anyOf branch ${d} removed`,
  constraint: (d) => d.slice(d.indexOf(':') + 2),
};

/** One line: `request property user.name (application/json): changed type from string to integer`. */
export function schemaMessage(d: SchemaDelta, site: SchemaSite): string {
  const path = d.path
    .join('.')
    .replace(/\.\[\]/g, '[]')
    .replace(/\.\{\}/g, '{}');
  const required = d.what === 'property-added' || d.what === 'property-removed' ? (d.required ? 'required ' : 'optional ') : '';
  const subject = path === '' ? site.label : `${site.label}, ${required}property ${path}`;
  return `${subject}: ${PHRASES[d.what](d.detail)}`;
}
