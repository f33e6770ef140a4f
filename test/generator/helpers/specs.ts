/**
 * Writing spec fixtures: tiny literal specs and copies of the repo's specs/ into temp dirs.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo's example system. */
export const REPO_SPECS = fileURLToPath(new URL('../../../specs/', import.meta.url));

/** Writes `files` (relative path → content) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/**
 * Copies the repo's specs/ to `dir` (so tests can edit them). The services `$ref` ../common/, which
 * the default boundary allows because specs/ lives in a repository: an empty `.git` folder inside
 * the copy makes the copy one (never its parent, which may be the shared temp folder).
 */
export function copyRepoSpecs(dir: string): string {
  cpSync(REPO_SPECS, dir, { recursive: true });
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** A minimal valid OpenAPI 3.0 document with one operation, as YAML. */
export function tinySpec(extraInfo = '', opId = 'ping'): string {
  return `openapi: 3.0.3
info:
  title: Tiny
  version: '1'${extraInfo}
paths:
  /ping:
    get:
      operationId: ${opId}
      responses:
        '200':
          description: ok
          content:
            text/plain:
              schema: { type: string }
`;
}
