/** Path templates against path parameters on literal documents: one problem per mismatch, with its pointer. */
import { expect, test } from 'vitest';
import { pathTemplateProblems } from '../../../../generator/model/path-templates.js';

const ok = { responses: { '204': { description: 'ok' } } };
const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const problems = (doc: Record<string, unknown>) =>
  pathTemplateProblems('a.json', doc).map((p) => `${p.location.pointer} ${p.reason.split(':')[1]?.trim().split(' ')[0]}`);

test('matching templates and parameters (path item, operation, $ref) give no problem', () => {
  const doc = {
    paths: { '/a/{id}/{v}': { parameters: [{ $ref: '#/components/parameters/Id' }], get: { ...ok, parameters: [param('v')] } } },
    components: { parameters: { Id: param('id') } },
  };
  expect(pathTemplateProblems('a.json', doc)).toEqual([]);
});

test('a template name without a parameter, and a parameter without a template name, each named with its pointer', () => {
  const doc = { paths: { '/a/{id}': { get: ok }, '/b': { parameters: [param('x')], put: ok } } };
  expect(problems(doc)).toEqual(['/paths/~1a~1{id}/get {id}', '/paths/~1b/parameters/0 path']);
});

test('each operation of a path item is checked on its own', () => {
  const doc = { paths: { '/a/{id}': { get: { ...ok, parameters: [param('id')] }, delete: ok } } };
  expect(problems(doc)).toEqual(['/paths/~1a~1{id}/delete {id}']);
});

test('no paths, or a path item that does not resolve: nothing to say', () => {
  expect(pathTemplateProblems('a.json', {})).toEqual([]);
  expect(pathTemplateProblems('a.json', { paths: { '/a/{x}': { $ref: '#/nowhere' } } })).toEqual([]);
});
