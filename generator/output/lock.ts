/**
 * One writer per `<out>` at a time: `<out>/.svc-gen.lock` holds the writer's pid, host and start
 * time. It is created atomically with its content (written to a private file, then `link`ed into
 * place, which fails if the lock exists), so no reader ever sees an empty lock. A lock whose pid
 * is dead on this host is stale (its run was killed) and is taken over; any other lock refuses the
 * run with `SVCGEN_OUT_LOCKED`, naming the lock file and its holder.
 */
import { linkSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputError } from '../errors.js';

/** The lock file's name in `<out>`. */
export const LOCK_FILE = '.svc-gen.lock';

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Takes `<out>`'s lock (which must exist as a folder); returns the function that releases it. */
export function acquireLock(out: string): () => void {
  const lock = path.join(out, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const mine = path.join(out, `${LOCK_FILE}.${process.pid}`);
  try {
    writeFileSync(mine, text);
  } catch (e) {
    removeQuietly(mine); // created but not written: a full disk
    throw e;
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        create(mine, lock, text);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = readHolder(lock);
      if (attempt < 3 && seen !== undefined && isStale(seen.holder)) {
        // Unlink only the stale lock we read, not one a concurrent run just took over.
        if (readHolder(lock)?.text === seen.text) unlinkSync(lock);
        continue;
      }
      const who = seen?.holder ? `svc-gen pid ${seen.holder.pid} on ${seen.holder.host}, since ${seen.holder.since}` : 'another svc-gen run';
      throw inputError('SVCGEN_OUT_LOCKED', lock, `<out> is locked by ${who}; wait for it to finish, or delete the lock file if no svc-gen is running`);
    }
  } finally {
    removeQuietly(mine);
  }
  removeDeadClaims(out);
  return () => {
    if (readHolder(lock)?.text === text) unlinkSync(lock);
  };
}

/** Creates `lock` with `text`, failing with EEXIST when it exists: a hard link where the file system has them. */
function create(mine: string, lock: string, text: string): void {
  try {
    linkSync(mine, lock);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    writeFileSync(lock, text, { flag: 'wx' }); // no hard links here: create-exclusive, then write
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * True when `<out>` has a lock held by another live process (or one svc-gen cannot judge). This
 * process's own lock does not count: writes are synchronous, so no other call of ours runs while it is held.
 */
export function isLocked(out: string): boolean {
  const seen = readHolder(path.join(out, LOCK_FILE));
  if (seen === undefined || isStale(seen.holder)) return false;
  return !(seen.holder?.pid === process.pid && seen.holder.host === os.hostname());
}

function readHolder(lock: string): { text: string; holder: Holder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    const ok = typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.since === 'string';
    return { text, holder: ok ? (h as Holder) : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

/** A holder is stale when it ran on this host and its pid is gone. Another host's lock is never judged. */
function isStale(holder: Holder | undefined): boolean {
  return holder !== undefined && holder.host === os.hostname() && !alive(holder.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** `.svc-gen.lock.<pid>` files left by runs killed while taking the lock. */
function removeDeadClaims(out: string): void {
  for (const name of readdirSync(out)) {
    const m = /^\.svc-gen\.lock\.(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) unlinkSync(path.join(out, name));
  }
}
