/**
 * A 64 MiB stream upload is streamed, not buffered: the caller runs in a child process of its own
 * (the built runtime, dist/: `npm run build` first) and reports how much its resident set grew
 * while sending; the server here counts and hashes the bytes without keeping them. Each chunk is a
 * fresh buffer, so a runtime that collected the stream before sending would hold all 64 MiB: the
 * control does exactly that and must be seen by the same measurement.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type Listening, listen } from '../helpers/listen.js';

const MiB = 1024 * 1024;
const SCRIPT = fileURLToPath(new URL('../fixtures/stream-upload.mjs', import.meta.url));

/** The hash of what the child sends: 64 chunks of 1 MiB, chunk i filled with byte i. */
function expectedSha256(): string {
  const hash = createHash('sha256');
  for (let i = 0; i < 64; i++) hash.update(Buffer.alloc(MiB, i));
  return hash.digest('hex');
}

let server: Listening;
const received: { path: string; bytes: number; sha256: string; contentType: string }[] = [];
beforeAll(async () => {
  server = await listen(
    createServer((req, res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', bytes, sha256: hash.digest('hex'), contentType: String(req.headers['content-type']) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    }),
  );
});
beforeEach(() => {
  received.length = 0;
});
afterAll(() => server.close());

async function upload(mode: 'stream' | 'buffered'): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', SCRIPT, server.url, mode], { timeout: 60_000 });
  return (JSON.parse(stdout) as { growth: number }).growth;
}

test('a 64 MiB stream upload grows RSS by less than 32 MiB and arrives whole', async () => {
  const growth = await upload('stream');
  console.log(`RSS growth of the caller during a 64 MiB stream upload: ${(growth / MiB).toFixed(1)} MiB`);
  expect(received.at(-1)).toEqual({ path: '/big', bytes: 64 * MiB, sha256: expectedSha256(), contentType: 'application/octet-stream' });
  expect(growth).toBeLessThan(32 * MiB);
});

test('control: the same measurement sees the stream buffered before sending', async () => {
  const growth = await upload('buffered');
  console.log(`RSS growth of the caller when the 64 MiB are buffered first: ${(growth / MiB).toFixed(1)} MiB`);
  expect(received.at(-1)?.sha256).toBe(expectedSha256());
  expect(growth).toBeGreaterThan(64 * MiB);
});
