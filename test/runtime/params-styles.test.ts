/**
 * Acceptance: one test per row of the OpenAPI Style Examples table, for every location the row's
 * style applies to, through the whole chain: a spec of the declared version → generated client
 * (its operation table carries the style facts) → runtime → a real node:http server on 127.0.0.1,
 * which reports the raw request target (`req.url`) and raw header values (`req.rawHeaders`).
 */
import { fileURLToPath } from 'node:url';
import { APIException, closeAll, configure } from 'svc-gen/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup } from '../generator/helpers/fs.js';
import { type Clients, generatedClients, rawHeader } from '../helpers/generated.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { COLOR, COOKIE_STYLE_ROWS, type Column, CURRENT_TABLE, LEGACY_TABLE, type Location, opId, type StyleRow, styleDocument } from './params-table.js';

const EDITIONS = [
  { version: '3.0.3', service: 'styles-v303', rows: LEGACY_TABLE, empty: '' },
  { version: '3.1.0', service: 'styles-v310', rows: LEGACY_TABLE, empty: '' },
  { version: '3.1.1', service: 'styles-v311', rows: CURRENT_TABLE, empty: null },
  { version: '3.2.0', service: 'styles-v320', rows: [...CURRENT_TABLE, ...COOKIE_STYLE_ROWS], empty: null },
] as const;

const ROOT = fileURLToPath(new URL(`./out/params-styles-${process.pid}/`, import.meta.url));
let server: TestServer;
let clients: Clients;
const rawHeaders: string[][] = [];

beforeAll(async () => {
  const generated = await generatedClients(ROOT, Object.fromEntries(EDITIONS.map((e) => [e.service, styleDocument(e.version, e.rows)])));
  expect(generated.warnings).toEqual([]);
  clients = generated.clients;
  server = await startServer((req, res) => {
    rawHeaders.push(req.rawHeaders);
    res.writeHead(204).end();
  });
  configure({
    serviceName: 'me',
    serviceConnections: EDITIONS.map((e) => e.service),
    services: Object.fromEntries(EDITIONS.map((e) => [e.service, { url: server.url }])),
  });
});
afterAll(async () => {
  await closeAll();
  await server?.close();
  cleanup(ROOT);
});

/** The raw value(s) of header `name` in the last request, as the server read them off the socket. */
const lastHeader = (name: string) => rawHeader(rawHeaders.at(-1) ?? [], name);

/** What the server received for the `color` parameter at `where`, or the error code when nothing was sent. */
async function send(service: string, where: Location, r: StyleRow, value: unknown): Promise<string> {
  const before = server.received.length;
  const part = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' }[where];
  try {
    await clients.getService(service)[opId(where, r)]!({ [part]: { color: value } });
  } catch (error) {
    if (!(error instanceof APIException)) throw error;
    expect(server.received.length).toBe(before); // refused before any byte was sent
    return `refused: ${(error as APIException).errorCode.name}`;
  }
  const url = server.received.at(-1)!.url;
  if (where === 'path') return url.slice(`/${opId(where, r)}/`.length);
  if (where === 'query') return url.slice(`/${opId(where, r)}?`.length);
  const values = lastHeader(where === 'header' ? 'color' : 'cookie');
  expect(values).toHaveLength(1);
  return values[0]!;
}

for (const edition of EDITIONS) {
  describe(`OpenAPI ${edition.version} Style Examples`, () => {
    const values: Record<Column, unknown> = { empty: edition.empty, ...COLOR };
    const cases = edition.rows.flatMap((r) => r.in.map((where) => [`${where} ${r.style} explode=${r.explode}`, where, r] as const));
    test.each(cases)('%s', async (_name, where, r) => {
      const columns = (Object.keys(r.cells) as Column[]).filter((c) => r.cells[c] !== null);
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const c of columns) {
        got[c] = await send(edition.service, where, r, values[c]);
        // A `simple` path segment may not be empty: the refusal of empty segments stays (the row's _empty_).
        want[c] = where === 'path' && r.cells[c] === '' ? 'refused: invalid_usage' : r.cells[c]!;
      }
      expect(got).toEqual(want);
    });
  });
}

describe('cells the tables mark n/a that no request could carry are refused before any byte', () => {
  const row = (style: string): StyleRow => CURRENT_TABLE.find((r) => r.style === style)!;
  test.each([
    ['spaceDelimited', 'blue'],
    ['pipeDelimited', 'blue'],
    ['deepObject', 'blue'],
    ['deepObject', ['blue', 'black']],
  ] as const)('%s with %j', async (style, value) => {
    expect(await send('styles-v311', 'query', row(style), value)).toBe('refused: invalid_usage');
  });
});
