/**
 * The files every service feeds (index.ts, testing.ts) rebuilt without loading the services whose
 * own files are reused. The manifest keeps, per service, the facts those files read of its model
 * (`CrossServiceFacts`); a reused service enters render() as a stand-in built from them, and its
 * stand-in files are dropped (the caller keeps the proven files on disk instead). Only render's
 * cross-service output of a stand-in counts, so the facts must cover every model field that output
 * reads: the incremental tests compare it byte for byte with a full run's.
 */
import type { Contract } from '@svc-gen/runtime';
import type { OperationModel, ServiceModel } from '../model/model-types.js';
import type { RenderInput } from '../render/render.js';

/** What the cross-service files read of one service's model besides its name and class. */
export interface CrossServiceFacts {
  /** Per operation, in model order: method name, type-name prefix, openapi-typescript operation type. */
  readonly operations: readonly (readonly [methodName: string, typeName: string, opType: string])[];
}

/** The facts of a modelled service, as the manifest records them. */
export function crossServiceFacts(service: ServiceModel): CrossServiceFacts {
  return { operations: service.operations.map((op) => [op.methodName, op.typeName, op.opType] as const) };
}

/** True when `value` has the shape of `CrossServiceFacts` (a manifest is read from disk). */
export function isCrossServiceFacts(value: unknown): value is CrossServiceFacts {
  const ops = (value as Partial<CrossServiceFacts> | null)?.operations;
  return Array.isArray(ops) && ops.every((op) => Array.isArray(op) && op.length === 3 && op.every((s) => typeof s === 'string'));
}

/** A render input standing in for a reused service: its cross-service output is the real one, its own files are not. */
export function standIn(name: string, className: string, facts: CrossServiceFacts): RenderInput {
  const service: ServiceModel = {
    name,
    className,
    docs: [],
    schemas: [],
    warnings: [],
    operations: facts.operations.map(([methodName, typeName, opType]) => standInOperation(methodName, typeName, opType)),
  };
  const contract: Contract = { service: name, components: { schemas: {} }, operations: {} };
  return { service, typesSource: '', contract };
}

function standInOperation(methodName: string, typeName: string, opType: string): OperationModel {
  return {
    methodName,
    typeName,
    opType,
    operationId: methodName,
    method: 'GET',
    path: '/',
    requestPath: '/',
    bodyType: null,
    contentType: null,
    media: null,
    bodies: null,
    responseType: null,
    idempotent: true,
    deprecated: false,
    docs: [],
    params: [],
    paramParts: [],
    paramSpecs: [],
    paramsRequired: false,
    successType: 'unknown',
    errorType: 'unknown',
    responses: [],
    errorStatuses: 'never',
  };
}
