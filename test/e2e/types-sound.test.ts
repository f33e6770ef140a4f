/**
 * Type tests of the typed-call surface (issue 13), on the catalog client, checked by tsc (5.9) under
 * strict + exactOptionalPropertyTypes + noUncheckedIndexedAccess: every combination of literal,
 * `boolean` and absent `includeStatusCode`/`propagateError`; options typed `CallOptions`; the
 * per-operation error guard per status; the `result: 'response'` union per status; named schema
 * types; response header types; an operation without error bodies. Each `// @ts-expect-error` must
 * be an error. The run-time twin of every group is types-runtime.test.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../generator/helpers/fs.js';
import { formatDiagnostics, STRICT, typecheck } from '../generator/helpers/typecheck.js';
import { generateCatalog } from './types-catalog.js';

// Under the repo, so the checked file resolves `vitest` (for expectTypeOf) like user code does.
const OUT = fileURLToPath(new URL(`./out/types-sound-${process.pid}/`, import.meta.url));

type Flag = 'true' | 'false' | 'boolean' | 'absent';
const FLAGS: readonly Flag[] = ['true', 'false', 'boolean', 'absent'];

/** The expected result type of getProduct for one combination, from the rules the README states. */
function expected(includeStatusCode: Flag, propagateError: Flag): string {
  const data = propagateError === 'false' || propagateError === 'boolean' ? 'S | E' : 'S';
  if (includeStatusCode === 'true') return `[${data}, number]`;
  if (includeStatusCode === 'boolean') return `${data} | [${data}, number]`;
  return data;
}

const option = (name: string, flag: Flag) => (flag === 'absent' ? '' : `${name}: ${flag === 'boolean' ? 'flag' : flag}, `);

/** One block per combination: 16 calls, each with its exact expected type. */
const COMBINATIONS = FLAGS.flatMap((i) =>
  FLAGS.map(
    (p) => `  {
    // includeStatusCode ${i}, propagateError ${p}
    const r = await c.getProduct(params, { ${option('includeStatusCode', i)}${option('propagateError', p)}});
    expectTypeOf(r).toEqualTypeOf<${expected(i, p)}>();
  }`,
  ),
).join('\n');

const USAGE = `
import { expectTypeOf } from 'vitest';
import type { Readable } from 'node:stream';
import { APIException, type CallOptions, type StreamedOk } from 'svc-gen/runtime';
import { CatalogService, getService, type CatalogServiceTypes } from './clients/index.js';
import type { GetProductParams2, Product, ProductList, Promise2 } from './clients/catalog/client.js';

type S = CatalogServiceTypes.GetProductSuccess;
type E = CatalogServiceTypes.GetProductError;
const c = getService('catalog');
const params = { path: { id: 'p1' } };
declare const flag: boolean;

export async function combinations(): Promise<void> {
  expectTypeOf<S>().toEqualTypeOf<Product>();
  expectTypeOf<E>().toEqualTypeOf<CatalogServiceTypes.NotFound | CatalogServiceTypes.Gone | CatalogServiceTypes.Problem>();
  expectTypeOf(await c.getProduct(params)).toEqualTypeOf<S>();
${COMBINATIONS}
}

export async function wideOptions(): Promise<void> {
  const options: CallOptions = {};
  // responseType may be 'stream' too: a 2xx body may then be a Readable.
  type R = CatalogServiceTypes.GetProductResponse;
  expectTypeOf(await c.getProduct(params, options)).toEqualTypeOf<S | E | Readable | [S | E | Readable, number] | R | StreamedOk<R>>();
  function opts(w: boolean): CallOptions {
    return { includeStatusCode: w };
  }
  expectTypeOf(await c.getProduct(params, { responseType: 'stream' })).toEqualTypeOf<Readable>();
  expectTypeOf(await c.getProduct(params, { responseType: 'stream', propagateError: false })).toEqualTypeOf<Readable | E>();
  expectTypeOf(await c.getProduct(params, { responseType: 'stream', result: 'response' })).toEqualTypeOf<StreamedOk<R>>();
  const wide = await c.getProduct(params, opts(true));
  // @ts-expect-error it may be [data, status] or the response object: not assignable to the body
  const asBody: S = wide;
  const soft = { propagateError: false };
  expectTypeOf(await c.getProduct(params, soft)).toEqualTypeOf<S | E>();
  const mode = flag ? ('response' as const) : ('body' as const);
  expectTypeOf(await c.getProduct(params, { result: mode })).toEqualTypeOf<S | CatalogServiceTypes.GetProductResponse>();
  void asBody;
}

export async function guards(): Promise<void> {
  try {
    await c.getProduct(params);
  } catch (e) {
    expectTypeOf(e).toBeUnknown();
    if (CatalogService.isError(e, 'getProduct')) {
      expectTypeOf(e).toExtend<APIException>();
      if (e.statusCode === 404) {
        expectTypeOf(e.body).toEqualTypeOf<CatalogServiceTypes.NotFound>();
        expectTypeOf(e.body.code).toEqualTypeOf<'not_found'>();
      } else if (e.statusCode === 410) {
        expectTypeOf(e.body).toEqualTypeOf<CatalogServiceTypes.Gone>();
        expectTypeOf(e.headers.sunset).toEqualTypeOf<string>();
      } else {
        expectTypeOf(e.body).toBeUnknown();
        expectTypeOf(e.statusCode).toExtend<number>();
        // @ts-expect-error 404 was ruled out above
        if (e.statusCode === 404) return;
      }
    }
    if (CatalogService.isError(e, 'createProduct') && e.statusCode === 409) expectTypeOf(e.body).toEqualTypeOf<CatalogServiceTypes.Error>();
    // @ts-expect-error not a method of the catalog service
    CatalogService.isError(e, 'getUser');
    if (e instanceof APIException) expectTypeOf(e.body).toBeUnknown();
  }
}

export async function responses(): Promise<void> {
  const r = await c.getProduct(params, { result: 'response' });
  expectTypeOf(r).toEqualTypeOf<CatalogServiceTypes.GetProductResponse>();
  // @ts-expect-error data exists only once ok or the status says so
  r.data;
  if (r.ok) {
    expectTypeOf(r.status).toEqualTypeOf<200>();
    expectTypeOf(r.data).toEqualTypeOf<Product>();
  } else if (r.status === 404) {
    expectTypeOf(r.error).toEqualTypeOf<CatalogServiceTypes.NotFound>();
  } else if (r.status === 410) {
    expectTypeOf(r.error).toEqualTypeOf<CatalogServiceTypes.Gone>();
  } else {
    expectTypeOf(r.error).toBeUnknown();
    expectTypeOf(r.status).toExtend<number>();
  }
  switch (r.status) {
    case 200:
      expectTypeOf(r.data.price).toEqualTypeOf<number>();
      break;
    case 404:
      expectTypeOf(r.error.message).toEqualTypeOf<string>();
      break;
  }
  // the Insanic-style flags are ignored in this mode, and the type says so
  expectTypeOf(await c.getProduct(params, { result: 'response', includeStatusCode: true, propagateError: false })).toEqualTypeOf<CatalogServiceTypes.GetProductResponse>();
  // @ts-expect-error not a result mode
  await c.getProduct(params, { result: 'tuple' });
}

export async function schemaTypes(): Promise<void> {
  const product: CatalogServiceTypes.Product = { id: 'p2', name: 'Chair', price: 4500 };
  // @ts-expect-error price is required by the schema
  const partial: Product = { id: 'p3', name: 'Desk' };
  const list: ProductList = [product];
  expectTypeOf(list[0]).toEqualTypeOf<CatalogServiceTypes.Product | undefined>();
  expectTypeOf<Promise2>().toEqualTypeOf<'kept' | 'broken'>();
  expectTypeOf<GetProductParams2>().toEqualTypeOf<{ clash?: boolean }>();
  await c.createProduct({ body: product });
  void partial;
}

export async function headerTypes(): Promise<void> {
  const r = await c.getProduct(params, { result: 'response' });
  if (r.status === 200) {
    expectTypeOf(r.headers.etag).toEqualTypeOf<string>();
    expectTypeOf(r.headers['x-ratelimit-remaining']).toEqualTypeOf<string | undefined>();
    expectTypeOf(r.headers['set-cookie']).toEqualTypeOf<string | undefined>();
    // @ts-expect-error headers are read-only
    r.headers.etag = 'x';
  }
  if (r.status === 404) {
    // @ts-expect-error the 404 declares no ETag: it is an untyped header there
    const etag: string = r.headers.etag;
    void etag;
  }
  const created = await c.createProduct({ body: { id: 'p2', name: 'Chair', price: 1 } }, { result: 'response' });
  if (created.ok) expectTypeOf(created.headers.location).toEqualTypeOf<string>();
}

export async function noErrorBody(): Promise<void> {
  type PingSuccess = CatalogServiceTypes.PingSuccess;
  expectTypeOf<PingSuccess>().toEqualTypeOf<{ pong: boolean }>();
  const soft = await c.ping({}, { propagateError: false });
  expectTypeOf(soft).not.toBeUnknown();
  expectTypeOf(soft).toEqualTypeOf<PingSuccess | {} | null>();
  expectTypeOf(await c.ping()).toEqualTypeOf<PingSuccess>();
  const r = await c.ping({}, { result: 'response' });
  if (r.ok) expectTypeOf(r.data).toEqualTypeOf<PingSuccess>();
}

/** Hover: a method's result is shown by the schema's name. */
export const hover = await c.getProduct(params);
`;

beforeAll(async () => {
  await generateCatalog(OUT);
  writeFileSync(path.join(OUT, 'usage.ts'), USAGE);
});
afterAll(() => cleanup(OUT));

describe('typed calls: types', () => {
  it('every expectation and every @ts-expect-error holds under strict + exactOptionalPropertyTypes', () => {
    const diagnostics = typecheck(OUT);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('editors show a result by its schema name, and the schema description as its JSDoc', () => {
    const program = ts.createProgram([path.join(OUT, 'usage.ts')], STRICT);
    const checker = program.getTypeChecker();
    const usage = program.getSourceFile(path.join(OUT, 'usage.ts'))!;
    const hover = usage.statements.find((s): s is ts.VariableStatement => ts.isVariableStatement(s) && s.getText().includes('hover'))!;
    const declaration = hover.declarationList.declarations[0]!;
    expect(checker.typeToString(checker.getTypeAtLocation(declaration.name))).toBe('Product');
    const product = checker.getTypeAtLocation(declaration.name).getSymbol()!;
    expect(ts.displayPartsToString(product.getDocumentationComment(checker))).toBe('A product in the catalog.');
  });
});
