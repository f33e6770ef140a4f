/**
 * The service registry: only services declared in `serviceConnections` or
 * `requiredServiceConnections` can be reached, one `Service` instance (and pool) per name.
 */
import { Service } from './service.js';
import { currentSettings, replaceSettings, type Settings } from './settings.js';
import { assertOneRuntime, shared } from './state.js';

// Shared with other copies of the runtime in this process (state.ts).
const services = shared('services', () => new Map<string, Service>());
/** Base URLs set by fakes (svc-gen/testing) for a test's scope; they outlive `configure()`. */
const pointed = shared('pointed', () => new Map<string, string[]>());

/** Close the given services' pools in the background (in-flight calls get their grace period). */
function retire(retired: Service[]): Promise<void> {
  return Promise.all(retired.map((service) => service.close())).then(() => undefined);
}

/**
 * Replace the whole configuration: defaults, then `settings`, then environment overrides
 * (`SVC_GEN_<NAME>_URL`), read now. Existing instances, pools and retry budgets are discarded.
 */
export function configure(settings: Settings = {}): void {
  assertOneRuntime();
  const retired = [...services.values()];
  services.clear();
  replaceSettings(settings);
  void retire(retired);
}

/** The names `getService` accepts, sorted. */
export function knownServices(): string[] {
  assertOneRuntime();
  const settings = currentSettings();
  return [...new Set([...settings.serviceConnections, ...settings.requiredServiceConnections, ...pointed.keys()])].sort();
}

/**
 * The untyped service called `name` (`httpDispatch`); throws when it is not declared. For typed
 * methods import `getService` from the generated clients' `index.ts` instead.
 */
export function getService(name: string): Service {
  assertOneRuntime();
  const existing = services.get(name);
  if (existing) return existing;
  const known = knownServices();
  if (!known.includes(name)) {
    const list = known.length ? known.map((n) => `"${n}"`).join(', ') : 'none';
    throw new Error(`Unknown service "${name}": add it to serviceConnections or requiredServiceConnections. Known services: ${list}.`);
  }
  const settings = currentSettings();
  const url = pointed.get(name)?.at(-1);
  const own = url === undefined ? settings : { ...settings, services: { ...settings.services, [name]: { ...settings.services[name], url } } };
  const service = new Service(name, own);
  services.set(name, service);
  return service;
}

/**
 * Points `name` at `url` (and makes it known) until the returned function is called; the
 * service's current instance is retired both times, so calls pick the change up at once.
 * Used by svc-gen/testing's fakes; pointing twice stacks (the latest wins until it is undone).
 */
export function pointService(name: string, url: string): () => Promise<void> {
  const stack = pointed.get(name) ?? [];
  stack.push(url);
  pointed.set(name, stack);
  const drop = () => {
    const existing = services.get(name);
    services.delete(name);
    return existing ? existing.close() : Promise.resolve();
  };
  void drop();
  let undone = false;
  return () => {
    if (undone) return Promise.resolve();
    undone = true;
    const at = stack.lastIndexOf(url);
    if (at >= 0) stack.splice(at, 1);
    if (stack.length === 0) pointed.delete(name);
    return drop();
  };
}

/** Close every pool; in-flight calls get about 1 s, then are aborted. A later call opens fresh pools. */
export function closeAll(): Promise<void> {
  assertOneRuntime();
  const retired = [...services.values()];
  services.clear();
  return retire(retired);
}
