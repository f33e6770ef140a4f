// The benchmarks' HTTP server, in its own process: answers every request with one JSON body.
// `startServer(body)` forks it and resolves to its URL and a `stop()`.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The body when none is given: a small JSON object. */
export const SMALL_BODY = { id: '1', name: 'Ann Example', email: 'ann@example.com', level: 1, tags: ['a', 'b'] };

/** Starts the server process answering `body` (as JSON) to every request. */
export async function startServer(body = SMALL_BODY) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', JSON.stringify(body)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(child, 'message');
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function serve(text) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'serve') serve(process.argv[3]);
