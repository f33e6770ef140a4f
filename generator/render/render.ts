/**
 * Models → virtual files. Pure: no I/O; the templates and openapi-typescript's output come in as text.
 */
import type { Contract } from '@svc-gen/runtime';
import type { OperationModel, ServiceModel } from '../model/model-types.js';
import { compileTemplates, type TemplateSources } from './engine.js';
import { operationTable } from './operation-table.js';

/** A file to generate, relative to the output directory (POSIX separators). */
export interface VirtualFile {
  readonly path: string;
  readonly contents: string;
}

/** One service ready to render: its model and openapi-typescript's output for it. */
export interface RenderInput {
  readonly service: ServiceModel;
  readonly typesSource: string;
  /** Its contract (generator/contract), emitted as `<service>/contract.ts`. */
  readonly contract: Contract;
}

/**
 * Renders every service's `types.d.ts`, `api.d.ts`, `client.ts` and `contract.ts`, and the top-level `index.ts` and
 * `testing.ts`, sorted by path. Types go into declaration files: with `skipLibCheck` (as nearly every project has it)
 * tsc does not check them, and resolves only the types a call uses; `client.ts` is the small run-time part.
 */
export function render(inputs: readonly RenderInput[], templates: TemplateSources, runtimeModule: string): VirtualFile[] {
  const t = compileTemplates(templates);
  const files: VirtualFile[] = [];
  for (const { service, typesSource, contract } of inputs) {
    const view = clientView(service, runtimeModule);
    files.push({ path: `${service.name}/types.d.ts`, contents: ensureNewline(typesSource) });
    files.push({ path: `${service.name}/api.d.ts`, contents: ensureNewline(t.api(view)) });
    files.push({ path: `${service.name}/client.ts`, contents: ensureNewline(t.client(view)) });
    files.push({ path: `${service.name}/contract.ts`, contents: ensureNewline(t.contract({ runtimeModule, contract })) });
  }
  const services = [...inputs].map((i) => i.service).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const index = services.map((s) => ({ name: s.name, className: s.className, importPath: `./${s.name}/client.js`, contractPath: `./${s.name}/contract.js` }));
  files.push({ path: 'index.ts', contents: ensureNewline(t.index({ runtimeModule, services: index })) });
  files.push({ path: 'testing.ts', contents: ensureNewline(t.testing(testingView(services, runtimeModule))) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The client and api templates' view: the model plus flags that keep imports exactly the ones used. */
function clientView(service: ServiceModel, runtimeModule: string): object {
  return {
    runtimeModule,
    service,
    noTags: [],
    hasOperations: service.operations.length > 0,
    usesPaths: service.operations.some((op) =>
      [op.successType, op.errorType, ...op.responses.map((r) => r.dataType), ...bodyTypes(op)].some((t) => t.includes('$paths')),
    ),
    usesStyledParams: service.operations.some((op) => op.params.some((p) => p.type.includes('$StyledParams'))),
    usesComponents: service.schemas.length > 0,
    usesRuntimeTypes: service.operations.length > 0 || service.schemas.some((s) => s.isInterface),
    schemas: service.schemas.map((s) => ({ ...s, tags: s.deprecated ? ['@deprecated'] : [] })),
    usesFileInput: service.operations.some((op) => bodyTypes(op).some((t) => t.includes('$FileInput'))),
    usesBinaryBody: service.operations.some((op) => bodyTypes(op).some((t) => t.includes('$BinaryBody'))),
    usesBodies: service.operations.some((op) => op.bodies !== null),
    ops: operationTable(service.operations),
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

/**
 * The testing template's view. The typed fakes come from the testing entry beside the runtime
 * (`@svc-gen/runtime` → `@svc-gen/runtime/testing`, `svc-gen/runtime` → `svc-gen/testing`); each operation's `type` is its openapi-typescript
 * operation object under the service's own `paths` alias.
 */
function testingView(services: readonly ServiceModel[], runtimeModule: string): object {
  return {
    // The runtime package's own fakes are its `/testing` subpath; `x/runtime` pairs with `x/testing`.
    testingModule:
      runtimeModule === '@svc-gen/runtime'
        ? '@svc-gen/runtime/testing'
        : runtimeModule.endsWith('/runtime')
          ? `${runtimeModule.slice(0, -'/runtime'.length)}/testing`
          : 'svc-gen/testing',
    // Consumers may have noUnusedLocals: FakeHandler is imported only when some service has an operation.
    anyOperations: services.some((s) => s.operations.length > 0),
    services: services.map((s) => ({
      name: s.name,
      className: s.className,
      clientPath: `./${s.name}/client.js`,
      typesPath: `./${s.name}/types.js`,
      contractPath: `./${s.name}/contract.js`,
      hasOperations: s.operations.length > 0,
      usesPaths: s.operations.length > 0,
      operations: s.operations.map((op) => ({
        className: s.className,
        methodName: op.methodName,
        typeName: op.typeName,
        type: `$${s.className}Paths${op.opType.slice('$paths'.length)}`,
      })),
    })),
  };
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
