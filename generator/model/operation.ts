/**
 * One OpenAPI operation → an `OperationModel` (before method-name collisions are resolved).
 */
import type { HttpMethod } from '@svc-gen/runtime';
import { bodyParts } from './body.js';
import { jsString } from './escape.js';
import type { OperationModel } from './model-types.js';
import { camelCase, nameFromRoute } from './names.js';
import { parameterParts, parameterSpecs, undeclaredPathParams } from './params.js';
import { responseTypes } from './responses.js';
import type { SchemaNames } from './schemas.js';
import { requestPath } from './wire-path.js';

type Json = Record<string, unknown>;

/** An operation found in the document, with the name it asks for. */
export interface RawOperation {
  readonly path: string;
  readonly method: HttpMethod;
  readonly pathItem: Json;
  readonly op: Json;
  /** camelCase of the operationId, or derived from method + path; may be empty or unsafe yet. */
  readonly wantedName: string;
}

/** Derives the method name an operation would like. */
export function wantedName(op: Json, method: HttpMethod, path: string): string {
  const id = typeof op['operationId'] === 'string' ? op['operationId'] : '';
  return camelCase(id) || nameFromRoute(method, path);
}

/** The suffixes of the per-operation type exports (`GetUserParams`, …), so schema names can avoid them. */
export const OPERATION_TYPE_SUFFIXES = ['Params', 'Success', 'Error', 'Response', 'Exception'] as const;

/** `getUser` → `GetUser`: the prefix of an operation's exported types. */
export function typeNameOf(methodName: string): string {
  return methodName.charAt(0).toUpperCase() + methodName.slice(1);
}

/** Builds the operation model once its final, safe, unique method name (and the schema names) are known. */
export function buildOperation(doc: Json, raw: RawOperation, methodName: string, names: SchemaNames, warn: (msg: string) => void): OperationModel {
  const { op, pathItem, method, path } = raw;
  const opType = `$paths[${jsString(path)}][${jsString(method.toLowerCase())}]`;
  const where = `${method} ${path}`;
  const params = parameterParts(doc, pathItem, op, opType);
  const paramSpecs = parameterSpecs(doc, pathItem, op, (m) => warn(`${where}: ${m}`), { path, method });
  for (const name of undeclaredPathParams(path, params)) warn(`${where}: path placeholder {${name}} has no parameter`);
  const body = bodyParts(doc, op, opType, (m) => warn(`${where}: ${m}`));
  const all = [...params, ...body.parts];
  const responses = responseTypes(doc, op, opType, method, names);
  const docs: string[] = [];
  for (const text of [op['summary'], op['description']]) {
    if (typeof text === 'string' && text.trim() !== '' && !docs.includes(text.trim())) docs.push(text.trim());
  }
  return {
    methodName,
    typeName: typeNameOf(methodName),
    operationId: typeof op['operationId'] === 'string' ? op['operationId'] : methodName,
    method,
    path,
    requestPath: requestPath(path),
    bodyType: body.bodyType,
    contentType: body.contentType,
    media: body.media,
    bodies: body.variants,
    responseType: responses.responseType,
    idempotent: op['x-idempotent'] === true,
    deprecated: op['deprecated'] === true,
    docs,
    opType,
    params: all,
    paramParts: params,
    paramSpecs,
    paramsRequired: all.some((p) => p.required),
    successType: responses.successType,
    errorType: responses.errorType,
    responses: responses.responses,
    errorStatuses: responses.errorStatuses,
  };
}
