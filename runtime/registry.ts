/**
 * The service registry: only services declared in `serviceConnections` or
 * `requiredServiceConnections` can be reached, one `Service` instance (and pool) per name.
 */
import { Service } from './service.js';
import { type Settings, currentSettings, replaceSettings } from './settings.js';
import { assertOneRuntime, shared } from './state.js';

// Shared with other copies of the runtime in this process (state.ts).
const services = shared('services', () => new Map<string, Service>());

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
  return [...new Set([...settings.serviceConnections, ...settings.requiredServiceConnections])].sort();
}

/** The service called `name`; throws when it is not declared. */
export function getService(name: string): Service {
  assertOneRuntime();
  const existing = services.get(name);
  if (existing) return existing;
  const known = knownServices();
  if (!known.includes(name)) {
    const list = known.length ? known.map((n) => `"${n}"`).join(', ') : 'none';
    throw new Error(`Unknown service "${name}": add it to serviceConnections or requiredServiceConnections. Known services: ${list}.`);
  }
  const service = new Service(name, currentSettings());
  services.set(name, service);
  return service;
}

/** Close every pool; in-flight calls get about 1 s, then are aborted. A later call opens fresh pools. */
export function closeAll(): Promise<void> {
  assertOneRuntime();
  const retired = [...services.values()];
  services.clear();
  return retire(retired);
}
