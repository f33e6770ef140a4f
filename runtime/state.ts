/**
 * Process-wide state shared by every copy of the runtime loaded in one process: two versions in
 * nested node_modules, or the ESM and CommonJS builds side by side. Configuration, registry and
 * request context live in one object under a `Symbol.for` key (as `APIException`'s brand does), so
 * `configure()` through one copy is what `getService()` through the other sees.
 * A copy whose state layout differs cannot share it: its first call fails, naming both copies.
 */
import { moduleUrl } from './here.js';

const KEY = Symbol.for('svc-gen.runtime.state');
/** Version of the slots' shapes; bump it when a slot's shape changes incompatibly. */
const LAYOUT = 1;

interface SharedState {
  readonly layout: number;
  /** The copy that created the state. */
  readonly owner: string;
  readonly slots: Map<string, unknown>;
}

const scope = globalThis as { [KEY]?: SharedState };
const found = scope[KEY];
const state: SharedState = found?.layout === LAYOUT ? found : { layout: LAYOUT, owner: moduleUrl, slots: new Map() };
scope[KEY] ??= state;

const conflict =
  found && found.layout !== LAYOUT
    ? `Two copies of @svc-gen/runtime are loaded in this process and cannot share their configuration: ${String(found.owner)} (state layout ${String(found.layout)}) and ${moduleUrl} (state layout ${LAYOUT}). Install one version (\`npm ls @svc-gen/runtime\` shows where each comes from).`
    : undefined;

/** The shared value in `slot`, created by the first copy that asks. */
export function shared<T>(slot: string, create: () => T): T {
  if (!state.slots.has(slot)) state.slots.set(slot, create());
  return state.slots.get(slot) as T;
}

/** Throws when another copy of the runtime with an incompatible state is loaded (see above). */
export function assertOneRuntime(): void {
  if (conflict) throw new Error(conflict);
}
