/**
 * A Unix domain socket as the upstream address (a sidecar or local proxy): `socketPath` per
 * service, undici's name for it; `url` still gives the Host header and the path prefix.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIException, closeAll, configure, getService } from 'svc-gen/runtime';
import { afterEach, expect, test } from 'vitest';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await closeAll();
  for (const fn of cleanup.splice(0)) await fn();
});

test('calls reach a node:http server on a Unix socket, with the URL giving host and prefix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'svc-gen-uds-'));
  const socketPath = join(dir, 'sidecar.sock');
  const seen: { url: string | undefined; host: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, host: req.headers.host });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ via: 'uds' }));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    () => rmSync(dir, { recursive: true, force: true }),
  );

  configure({ serviceConnections: ['side'], services: { side: { url: 'http://inventory.local/api', socketPath } } });
  await expect(getService('side').httpDispatch('GET', '/items', { queryParams: { q: 1 } })).resolves.toEqual({ via: 'uds' });
  expect(seen).toEqual([{ url: '/api/items?q=1', host: 'inventory.local' }]);
});

test('a missing socket file: 503 transport_error naming ENOENT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'svc-gen-uds-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  configure({ serviceConnections: ['side'], services: { side: { url: 'http://inventory.local', socketPath: join(dir, 'absent.sock') } } });
  const e = await getService('side')
    .httpDispatch('GET', '/x', { retryCount: 0 })
    .then(
      () => undefined,
      (error: unknown) => error as APIException,
    );
  expect(e).toMatchObject({ statusCode: 503, errorCode: { name: 'transport_error' } });
  expect(e!.description).toMatch(/ENOENT/);
});

test('an empty socketPath is refused at configure()', () => {
  expect(() => configure({ serviceConnections: ['side'], services: { side: { socketPath: '' } } })).toThrow(
    'svc-gen: setting services.side.socketPath must be a non-empty path.',
  );
});
