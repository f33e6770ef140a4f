/**
 * Models → virtual files. Pure: no I/O; the templates and openapi-typescript's output come in as text.
 */
import type { OperationModel, ServiceModel } from '../model/types.js';
import { compileTemplates, type TemplateSources } from './engine.js';

/** A file to generate, relative to the output directory (POSIX separators). */
export interface VirtualFile {
  readonly path: string;
  readonly contents: string;
}

/** One service ready to render: its model and openapi-typescript's output for it. */
export interface RenderInput {
  readonly service: ServiceModel;
  readonly typesSource: string;
}

/** Renders every service's `types.ts` and `client.ts`, and the top-level `index.ts`, sorted by path. */
export function render(inputs: readonly RenderInput[], templates: TemplateSources, runtimeModule: string): VirtualFile[] {
  const t = compileTemplates(templates);
  const files: VirtualFile[] = [];
  for (const { service, typesSource } of inputs) {
    files.push({ path: `${service.name}/types.ts`, contents: ensureNewline(typesSource) });
    files.push({ path: `${service.name}/client.ts`, contents: ensureNewline(t.client(clientView(service, runtimeModule))) });
  }
  const services = [...inputs].map((i) => i.service).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const index = services.map((s) => ({ name: s.name, className: s.className, importPath: `./${s.name}/client.js` }));
  files.push({ path: 'index.ts', contents: ensureNewline(t.index({ runtimeModule, services: index })) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The client template's view: the model plus flags that keep imports exactly the ones used. */
function clientView(service: ServiceModel, runtimeModule: string): object {
  return {
    runtimeModule,
    service,
    noTags: [],
    hasOperations: service.operations.length > 0,
    usesPaths: service.operations.some((op) => [op.successType, op.errorType, ...bodyTypes(op)].some((t) => t.includes('$paths'))),
    usesStyledParams: service.operations.some((op) => op.params.some((p) => p.type.includes('$StyledParams'))),
    usesFileInput: service.operations.some((op) => bodyTypes(op).some((t) => t.includes('$FileInput'))),
    usesBinaryBody: service.operations.some((op) => bodyTypes(op).some((t) => t.includes('$BinaryBody'))),
    usesBodies: service.operations.some((op) => op.bodies !== null),
    operations: service.operations.map((op) => ({
      ...op,
      docs: [...op.docs, `\`${op.method} ${op.path}\``],
      tags: op.deprecated ? ['@deprecated'] : [],
    })),
  };
}

/** Every type expression of an operation's request parts, all media types included. */
function bodyTypes(op: OperationModel): string[] {
  return [...op.params, ...(op.bodies ?? []).flatMap((b) => b.parts)].map((p) => p.type);
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
