/**
 * Security and servers. A security scheme the client did not have to satisfy before, or an
 * operation that no longer allows anonymous calls, breaks it (its requests are refused). A moved
 * base path moves every request; another host with the same path is a warning (svc-gen clients
 * take the host from the registry, other clients from the spec).
 */
import { isObject } from '../model/resolve.js';
import { childPointer } from '../util/json-pointer.js';
import type { Emit } from './emit.js';
import type { OperationSide } from './operation-side.js';

type Json = Record<string, unknown>;

/** A `security` list: alternatives (any one will do), each a set of schemes (all needed). Absent or empty: anonymous calls allowed. */
function alternatives(list: unknown): string[][] {
  if (!Array.isArray(list) || list.length === 0) return [[]];
  return list.filter(isObject).map((req) => Object.keys(req).sort());
}

/**
 * Breaking when a way the client could authenticate before no longer suffices: an old alternative
 * with no new alternative needing a subset of its schemes. A new alternative alone is not.
 */
function compareRequirements(
  oldList: unknown,
  newList: unknown,
  oldPtr: string,
  newPtr: string,
  kinds: { required: string; added: string; removed: string },
  where: string,
  emit: Emit,
): void {
  const before = alternatives(oldList);
  const after = alternatives(newList);
  const lost = before.filter((o) => !after.some((n) => n.every((s) => o.includes(s))));
  if (lost.length > 0) {
    const needed = [...new Set(after.flat())].filter((s) => !lost.some((o) => o.includes(s)));
    const what = lost.some((o) => o.length === 0) ? 'credentials now required' : `no longer accepts ${lost.map((o) => o.join(' + ')).join(' or ')} alone`;
    emit(kinds.required, oldPtr, newPtr, `${where}${what}${needed.length > 0 ? ` (needs ${needed.join(' or ')})` : ''}`);
  }
  if (lost.length > 0) return;
  const oldSchemes = new Set(before.flat());
  const newSchemes = new Set(after.flat());
  const added = [...newSchemes].filter((s) => !oldSchemes.has(s));
  if (added.length > 0) emit(kinds.added, oldPtr, newPtr, `${where}security scheme ${added.join(', ')} accepted as an alternative`);
  const removed = [...oldSchemes].filter((s) => !newSchemes.has(s));
  if (removed.length > 0) emit(kinds.removed, oldPtr, newPtr, `${where}security scheme ${removed.join(', ')} no longer needed`);
}

/** Top-level `security`, once for the document. */
export function compareGlobalSecurity(oldDoc: Json, newDoc: Json, emit: Emit): void {
  compareRequirements(
    oldDoc['security'],
    newDoc['security'],
    '/security',
    '/security',
    { required: 'api-global-security-required', added: 'api-global-security-added', removed: 'api-global-security-removed' },
    '',
    emit,
  );
}

/** An operation's own `security`, when either side declares one (otherwise the global comparison covers it). */
export function compareOperationSecurity(o: OperationSide, n: OperationSide, emit: Emit): void {
  if (o.op['security'] === undefined && n.op['security'] === undefined) return;
  const oldList = o.op['security'] ?? o.doc['security'];
  const newList = n.op['security'] ?? n.doc['security'];
  compareRequirements(
    oldList,
    newList,
    childPointer(o.pointer, 'security'),
    childPointer(n.pointer, 'security'),
    { required: 'api-security-required', added: 'api-security-added', removed: 'api-security-removed' },
    'operation ',
    emit,
  );
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
