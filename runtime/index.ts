/**
 * @svc-gen/runtime (also `svc-gen/runtime`): what every service-to-service call goes through.
 * Nothing here imports the generator or its dependencies.
 */

export type { ContextMiddlewareOptions, RequestContext, RequestUser } from './context.js';
export {
  ANONYMOUS_USER,
  contextFromHeaders,
  contextMiddleware,
  deadlineExpired,
  fastifyContextPlugin,
  getContext,
  parseUser,
  rejectExpired,
  runWithContext,
  serializeUser,
} from './context.js';
export type { EndpointStatus } from './endpoints/endpoint-set.js';
export type { Lookup, ResolvedAddress } from './endpoints/resolver.js';
export type { APIExceptionInit, ErrorCode, GlobalErrorName } from './errors.js';
export { APIException, GlobalErrorCodes, isOperationError, ResponseTimeoutError } from './errors.js';
export { createFetch } from './fetch.js';
export type { Fetch, OutgoingRequest, RawResponse, Step, UserStep } from './pipeline.js';
export { compose } from './pipeline.js';
export { closeAll, configure, getService, knownServices } from './registry.js';
export { Service } from './service.js';
export type { CircuitBreakerSettings, CircuitStateChange, EndpointSettings, RetryBudget, ServiceOverride, Settings } from './settings.js';
export { urlEnvName } from './settings.js';
export type { CircuitState } from './steps/breaker.js';
export { CircuitBreaker } from './steps/breaker.js';
export type * from './types.js';
export type { Contract, ContractMedia, ContractOperation, ContractParameter, ContractViolation, JsonSchema } from './validate/contract.js';
export type { ContractLoader } from './validate/contracts.js';
export { registerContracts } from './validate/contracts.js';
export type { ValidateSettings, ValidationMode } from './validate/step.js';
