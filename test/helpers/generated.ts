/**
 * Clients generated from literal specs, imported for behaviour tests: each spec is written as
 * `<service>.json`, generated into `<root>/out`, and the generated `index.ts` imported.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '../../generator/index.js';
import { ensureDir } from '../generator/helpers/fs.js';

export type Method = (params?: unknown, options?: unknown) => Promise<unknown>;
export type Clients = { getService: (name: string) => Record<string, Method> };

/** Generates one client per spec (keyed by service name) under `root` and imports them. */
export async function generatedClients(root: string, specs: Record<string, object>): Promise<{ clients: Clients; warnings: string[] }> {
  const dir = ensureDir(path.join(root, 'specs'));
  for (const [name, doc] of Object.entries(specs)) writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(doc));
  const report = await generate({ inputs: [dir], out: path.join(root, 'out') });
  const names = report.services.map((s) => s.name).sort();
  if (names.join() !== Object.keys(specs).sort().join()) throw new Error(`generated ${names.join()} for ${Object.keys(specs).join()}`);
  const clients = (await import(path.join(root, 'out', 'index.ts'))) as Clients;
  return { clients, warnings: [...report.warnings] };
}

/** The raw values of header `name` (case-insensitive) in a request's `rawHeaders`. */
export function rawHeader(rawHeaders: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === name) out.push(rawHeaders[i + 1] ?? '');
  return out;
}
