/**
 * `svc-gen/runtime`: the runtime package `@svc-gen/runtime`, re-exported so imports written before
 * the runtime became its own package keep working. New code imports `@svc-gen/runtime`.
 */
export * from '@svc-gen/runtime';
