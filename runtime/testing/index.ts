/**
 * svc-gen/testing: fakes of your services for tests and local development. Import the typed
 * `createFake` from your generated `<out>/testing.ts`; this module is its untyped engine.
 * Nothing here depends on a test framework (vitest, jest and node:test all work).
 */

export type { Contract, ContractViolation } from '../validate/contract.js';
export { createFake } from './fake.js';
export type { Fake, FakeCall, FakeHandler, FakeHandlers, FakeOptions, FakeRequest, FakeResponse, Fault } from './types.js';
