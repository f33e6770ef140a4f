/**
 * Finds the operation a request is for from its method and path (the fake server, and
 * `httpDispatch` calls, which carry no operation name), and names the closest ones when none matches.
 */
import type { Contract, ContractOperation } from './contract.js';

/** A matcher of one operation's path template. */
export interface Route {
  readonly name: string;
  readonly op: ContractOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Literal characters in the template: a literal segment beats a parameter (`/users/me` before `/users/{id}`). */
  readonly literal: number;
}

/** The result of a match: the operation and its decoded path parameters. */
export interface RouteMatch {
  readonly name: string;
  readonly op: ContractOperation;
  readonly path: Record<string, string>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles every operation's template; end-anchored, so a base-URL prefix before it does not matter. */
export function routesOf(contract: Contract): Route[] {
  const routes: Route[] = [];
  for (const [name, op] of Object.entries(contract.operations)) {
    const names: string[] = [];
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (!param) return escapeRegExp(part);
        names.push(param[1] ?? '');
        return '([^/]+)';
      })
      .join('');
    routes.push({ name, op, pattern: new RegExp(`${source}/?$`), names, literal: op.path.replace(/\{[^}]+\}/g, '').length });
  }
  return routes.sort((a, b) => b.literal - a.literal);
}

/** The operation `method pathname` is for, or undefined. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.op.method !== method) continue;
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const path: Record<string, string> = {};
    route.names.forEach((n, i) => {
      const raw = m[i + 1] ?? '';
      try {
        path[n] = decodeURIComponent(raw);
      } catch {
        path[n] = raw;
      }
    });
    return { name: route.name, op: route.op, path };
  }
  return undefined;
}

/** Up to three operations nearest to `METHOD pathname` (edit distance), as `name (METHOD /template)`. */
export function closestOperations(routes: readonly Route[], method: string, pathname: string): string[] {
  const target = `${method} ${pathname}`;
  return routes
    .map((r) => ({ label: `${r.name} (${r.op.method} ${r.op.path})`, d: distance(target, `${r.op.method} ${r.op.path.replace(/\{[^}]+\}/g, 'x')}`) }))
    .sort((a, b) => a.d - b.d || (a.label < b.label ? -1 : 1))
    .slice(0, 3)
    .map((r) => r.label);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
