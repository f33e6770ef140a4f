/**
 * Shared by the diff tests: a small base spec to mutate, and a way to diff two documents in memory
 * or two spec trees on disk.
 */

import type { Change, DiffReport } from '../../generator/diff/change-types.js';
import { classify, diffServices } from '../../generator/diff/diff.js';

type Json = Record<string, any>;

/** A user service with a path parameter, a query parameter, a body, responses and shared schemas. */
export function baseSpec(): Json {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.0.3',
    info: { title: 'Users', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    paths: {
      '/users/{id}': {
        get: {
          operationId: 'getUser',
          parameters: [
            id,
            { name: 'expand', in: 'query', schema: { type: 'string', enum: ['a', 'b'] } },
            { name: 'page', in: 'query', schema: { type: 'integer', format: 'int32' } },
          ],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } },
            '404': { description: 'not found' },
          },
        },
        put: {
          operationId: 'updateUser',
          parameters: [id],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UserInput' } } } },
          responses: { '204': { description: 'updated' } },
        },
      },
      '/health': { get: { operationId: 'health', responses: { '200': { description: 'ok' } } } },
    },
    components: {
      schemas: {
        User: {
          type: 'object',
          required: ['id', 'name'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            nickname: { type: 'string' },
            status: { type: 'string', enum: ['active', 'disabled'] },
            age: { type: 'integer' },
            score: { type: 'number' },
          },
        },
        UserInput: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            role: { type: 'string', enum: ['admin', 'member'] },
            nickname: { type: 'string' },
            count: { type: 'integer' },
          },
        },
      },
    },
  };
}

/** Diffs two single-service documents in memory. */
export function diffDocs(oldDoc: Json, newDoc: Json): DiffReport {
  return classify(diffServices(new Map([['users', oldDoc]]), new Map([['users', newDoc]])));
}

/** `[kind, level]` of every change, breaking first, for exact comparison. */
export function kindsOf(report: DiffReport): [string, 'B' | 'N' | 'W'][] {
  const tag = (level: 'B' | 'N' | 'W') => (c: Change) => [c.kind, level] as [string, 'B' | 'N' | 'W'];
  return [...report.breaking.map(tag('B')), ...report.warnings.map(tag('W')), ...report.nonBreaking.map(tag('N'))];
}
