/**
 * Security and servers. A security scheme the client did not have to satisfy before, or an
 * operation that no longer allows anonymous calls, breaks it (its requests are refused). A moved
 * base path moves every request; another host with the same path is a warning (svc-gen clients
 * take the host from the registry, other clients from the spec).
 */
import { isObject } from '../model/resolve.js';
import type { Emit } from './emit.js';
import type { OperationSide } from './operation-side.js';
import { childPointer } from './pointer.js';

type Json = Record<string, unknown>;

interface Requirements {
  readonly schemes: ReadonlySet<string>;
  /** An empty list, or an empty requirement object in it, lets a client call without credentials. */
  readonly anonymous: boolean;
}

function requirements(list: unknown): Requirements {
  if (!Array.isArray(list)) return { schemes: new Set(), anonymous: true };
  const schemes = new Set<string>();
  let anonymous = list.length === 0;
  for (const req of list) {
    if (!isObject(req)) continue;
    const names = Object.keys(req);
    if (names.length === 0) anonymous = true;
    for (const s of names) schemes.add(s);
  }
  return { schemes, anonymous };
}

/** Reports schemes added/removed between two `security` lists. */
function compareRequirements(oldList: unknown, newList: unknown, oldPtr: string, newPtr: string, kinds: { added: string; removed: string }, where: string, emit: Emit): void {
  const o = requirements(oldList);
  const n = requirements(newList);
  const added = [...n.schemes].filter((s) => !o.schemes.has(s));
  if (added.length > 0 || (o.anonymous && !n.anonymous)) {
    const what = added.length > 0 ? `security scheme ${added.join(', ')} added` : 'credentials now required';
    emit(kinds.added, oldPtr, newPtr, `${where}${what}`);
  }
  const removed = [...o.schemes].filter((s) => !n.schemes.has(s));
  if (removed.length > 0) emit(kinds.removed, oldPtr, newPtr, `${where}security scheme ${removed.join(', ')} removed`);
}

/** Top-level `security`, once for the document. */
export function compareGlobalSecurity(oldDoc: Json, newDoc: Json, emit: Emit): void {
  compareRequirements(oldDoc['security'], newDoc['security'], '/security', '/security', { added: 'api-global-security-added', removed: 'api-global-security-removed' }, '', emit);
}

/** An operation's own `security`, when either side declares one (otherwise the global comparison covers it). */
export function compareOperationSecurity(o: OperationSide, n: OperationSide, emit: Emit): void {
  if (o.op['security'] === undefined && n.op['security'] === undefined) return;
  const oldList = o.op['security'] ?? o.doc['security'];
  const newList = n.op['security'] ?? n.doc['security'];
  compareRequirements(oldList, newList, childPointer(o.pointer, 'security'), childPointer(n.pointer, 'security'), { added: 'api-security-added', removed: 'api-security-removed' }, 'operation ', emit);
}

/** The first server's URL with variables at their defaults, and its path without a trailing slash. */
function firstServer(doc: Json): { url: string; basePath: string } {
  const servers = Array.isArray(doc['servers']) ? doc['servers'] : [];
  const first = isObject(servers[0]) ? servers[0] : {};
  const vars = isObject(first['variables']) ? first['variables'] : {};
  const raw = typeof first['url'] === 'string' ? first['url'] : '/';
  const url = raw.replace(/\{([^}]+)\}/g, (m, name: string) => {
    const v = vars[name];
    return isObject(v) && typeof v['default'] === 'string' ? v['default'] : m;
  });
  let basePath: string;
  try {
    basePath = new URL(url, 'http://placeholder').pathname;
  } catch {
    basePath = url;
  }
  return { url, basePath: basePath.replace(/\/+$/, '') || '/' };
}

/** The first server of each side. */
export function compareServers(oldDoc: Json, newDoc: Json, emit: Emit): void {
  const o = firstServer(oldDoc);
  const n = firstServer(newDoc);
  const oldPtr = Array.isArray(oldDoc['servers']) ? '/servers/0' : null;
  const newPtr = Array.isArray(newDoc['servers']) ? '/servers/0' : null;
  if (o.basePath !== n.basePath) emit('api-server-base-path-changed', oldPtr, newPtr, `base path ${o.basePath} changed to ${n.basePath}`);
  else if (o.url !== n.url) emit('api-server-url-changed', oldPtr, newPtr, `server ${o.url} changed to ${n.url}`);
}
