/**
 * `--watch`: generate, then regenerate whenever a file a service was read from changes (its entry
 * spec or any file its `$ref`s reached), re-reading only those services. Each run is the same
 * incremental run as a write (generate.ts): the others' files are reused as the manifest proves
 * them, from the first run on; services kept in memory spare re-reading when a run must prepare
 * more (a spec added or removed changes the set of services, which is a full run). Uses node:fs.watch on directories, not files, so editors that save by
 * renaming a temp file over the original are seen too. Events are debounced; a failed run is
 * reported and watching goes on, so a fix regenerates.
 */
import { existsSync, type FSWatcher, watch as fsWatch, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedOptions } from '../config/options.js';
import { createCache, type GenerateCache, type GenerateResult, generateWithCache, invalidate } from '../generate.js';

/** What one run of the watch loop produced. */
export type WatchRun =
  | { readonly ok: true; readonly result: GenerateResult; readonly changed: readonly string[]; readonly first: boolean }
  | { readonly ok: false; readonly error: unknown; readonly changed: readonly string[]; readonly first: boolean };

/** How to watch. */
export interface WatchOptions {
  /**
   * Resolves the options (reading the config file again): called at start and whenever the
   * config file changes. May throw (a broken config is reported like a broken spec).
   */
  readonly resolve: () => Promise<ResolvedOptions>;
  /** The config file, watched too; undefined when there is none. */
  readonly configFile: string | undefined;
  /** Called after every run, successful or not. */
  readonly onRun: (run: WatchRun) => void;
  /** Called once the watchers are (re)placed, with the number of files watched. */
  readonly onWatching?: (files: number) => void;
  /** Stops watching. */
  readonly signal: AbortSignal;
  /** Quiet time after the last event before regenerating. @default 100 */
  readonly debounceMs?: number;
}

const SPEC_FILE = /\.(json|ya?ml)$/i;

/** Runs until `signal` aborts; resolves after the watchers are closed and any run in progress has finished. */
export async function watch(w: WatchOptions): Promise<void> {
  const debounceMs = w.debounceMs ?? 100;
  const watchers = new Map<string, FSWatcher>();
  let cache: GenerateCache = createCache();
  let options: ResolvedOptions | undefined;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = async (changed: readonly string[], first: boolean) => {
    try {
      if (options === undefined || (w.configFile !== undefined && changed.includes(w.configFile))) {
        options = await w.resolve();
        cache = createCache();
      } else {
        invalidate(cache, changed);
      }
      const result = await generateWithCache(options, cache);
      w.onRun({ ok: true, result, changed, first });
    } catch (error) {
      w.onRun({ ok: false, error, changed, first });
    }
    if (!w.signal.aborted) w.onWatching?.(place());
  };

  /** Which directories to watch, and which files in them matter; returns how many files are watched. */
  const place = (): number => {
    const files = new Set<string>();
    for (const deps of cache.inputs.values()) for (const f of deps) files.add(f);
    if (w.configFile !== undefined) files.add(w.configFile);
    const dirs = new Set([...files].map((f) => path.dirname(f)));
    for (const dir of scanDirs(options)) dirs.add(dir);
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir) || !isDir(dir)) continue;
      try {
        const watcher = fsWatch(dir, { persistent: true }, (_event, name) => onEvent(dir, name === null ? undefined : String(name)));
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // Vanished between the check and the call: the next run places it again if it comes back.
      }
    }
    return files.size;
  };

  const onEvent = (dir: string, name: string | undefined) => {
    if (name === undefined || w.signal.aborted) return;
    const file = path.join(dir, name);
    if (options && (file === options.out || file.startsWith(options.out + path.sep))) return;
    if (!relevant(file, dir, name)) return;
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const relevant = (file: string, dir: string, name: string): boolean => {
    if (file === w.configFile) return true;
    for (const deps of cache.inputs.values()) if (deps.has(file)) return true;
    // A new or removed spec (or folder of one) in a scanned directory.
    return scanDirs(options).has(dir) && !name.startsWith('.') && (SPEC_FILE.test(name) || isDir(file));
  };

  /** Starts a run now, or after the one in progress (events during a run are not lost). */
  const start = (changed: readonly string[], first: boolean) => {
    running = run(changed, first).finally(() => {
      running = undefined;
      if (again && !w.signal.aborted) {
        again = false;
        flush();
      }
    });
  };

  const flush = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    const changed = [...pending].sort();
    pending.clear();
    start(changed, false);
  };

  start([], true);
  await new Promise<void>((resolve) => {
    if (w.signal.aborted) resolve();
    else w.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (timer) clearTimeout(timer);
  for (const watcher of watchers.values()) watcher.close();
  watchers.clear();
  while (running) await running;
}

/**
 * Directories where a new spec would become a service: every directory input and its direct
 * sub-folders (folder services), the folder of every file input, and every configured spec's folder.
 */
function scanDirs(options: ResolvedOptions | undefined): Set<string> {
  const dirs = new Set<string>();
  if (!options) return dirs;
  for (const input of [...options.inputs, ...options.services.map((s) => s.spec)]) {
    if (!isDir(input)) {
      dirs.add(path.dirname(input));
      continue;
    }
    dirs.add(input);
    try {
      for (const entry of readdirDirs(input)) dirs.add(entry);
    } catch {
      // unreadable: nothing to add
    }
  }
  return dirs;
}

function readdirDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(dir, e.name));
}

function isDir(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isDirectory();
  } catch {
    return false;
  }
}
