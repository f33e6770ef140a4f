/**
 * A TypeScript compiler host that sees `<clients>` as it would be after regenerating: every read
 * under the consumer's clients folder is served from a temporary folder instead. Paths keep their
 * original names, so module resolution from the generated files (the runtime import) works exactly
 * as in the consumer's tree; nothing on disk is changed.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Wraps `ts.createCompilerHost(options)` so that `clientsDir` reads from `replacement`. */
export function redirectingHost(options: ts.CompilerOptions, clientsDir: string, replacement: string): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const roots = [...new Set([path.resolve(clientsDir), real(clientsDir)])];
  const map = (p: string): string => {
    const abs = path.resolve(p);
    for (const root of roots) {
      if (abs === root) return replacement;
      if (abs.startsWith(root + path.sep)) return path.join(replacement, abs.slice(root.length + 1));
    }
    return p;
  };
  const { fileExists, readFile, directoryExists, getSourceFile } = host;
  return {
    ...host,
    fileExists: (f) => fileExists.call(host, map(f)),
    readFile: (f) => readFile.call(host, map(f)),
    directoryExists: (d) => (directoryExists ? directoryExists.call(host, map(d)) : true),
    // Redirected paths keep their names (module resolution from them stays in the consumer's tree).
    realpath: (p) => (map(p) !== p ? p : (host.realpath?.(p) ?? p)),
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const mapped = map(fileName);
      if (mapped === fileName) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
      const text = readFile.call(host, mapped);
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion, true);
    },
  };
}

/** `p` with symlinks resolved, or as given when it does not exist. */
function real(p: string): string {
  try {
    return realpathSync(path.resolve(p));
  } catch {
    return path.resolve(p);
  }
}

/** True when `file` is `dir` or below it. */
export function isUnder(dir: string, file: string): boolean {
  const d = path.resolve(dir);
  const f = path.resolve(file);
  return f === d || f.startsWith(d + path.sep);
}
