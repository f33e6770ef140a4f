// Generate clients with svc-gen's library API and transpile them to JS beside the TS, so plain
// node processes (benchmarks, the chain services) can import them without a TS loader.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'svc-gen';
import ts from 'typescript';

export async function buildClients(inputs, out) {
  await generate({ inputs, out });
  const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')); // declaration files have no run-time code
  for (const file of files) {
    const source = await readFile(path.join(out, file), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    await writeFile(path.join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
}
