/**
 * @svc-gen/runtime (also `svc-gen/runtime`): what every service-to-service call goes through.
 * Nothing here imports the generator or its dependencies.
 */
export { configure, getService, closeAll, knownServices } from './registry.js';
export { Service } from './service.js';
export { createFetch } from './fetch.js';
export {
  runWithContext,
  getContext,
  contextMiddleware,
  fastifyContextPlugin,
  contextFromHeaders,
  deadlineExpired,
  rejectExpired,
  serializeUser,
  parseUser,
  ANONYMOUS_USER,
} from './context.js';
export type { RequestContext, RequestUser, ContextMiddlewareOptions } from './context.js';
export { CircuitBreaker } from './steps/breaker.js';
export type { CircuitState } from './steps/breaker.js';
export { APIException, ResponseTimeoutError, GlobalErrorCodes, isOperationError } from './errors.js';
export type { ErrorCode, GlobalErrorName, APIExceptionInit } from './errors.js';
export type { Settings, ServiceOverride, RetryBudget, CircuitBreakerSettings, CircuitStateChange, EndpointSettings } from './settings.js';
export type { EndpointStatus } from './endpoints/endpoint-set.js';
export type { Lookup, ResolvedAddress } from './endpoints/resolver.js';
export { urlEnvName } from './settings.js';
export { compose } from './pipeline.js';
export type { Step, Fetch, OutgoingRequest, RawResponse } from './pipeline.js';
export type * from './types.js';
export { registerContracts } from './validate/contracts.js';
export type { ContractLoader } from './validate/contracts.js';
export type { Contract, ContractOperation, ContractParameter, ContractMedia, ContractViolation, JsonSchema } from './validate/contract.js';
export type { ValidateSettings, ValidationMode } from './validate/step.js';
export type { UserStep } from './pipeline.js';
