/**
 * `svc-gen/testing`: the runtime's fakes (`@svc-gen/runtime/testing`), re-exported under the name
 * they had before the runtime became its own package.
 */
export * from '@svc-gen/runtime/testing';
