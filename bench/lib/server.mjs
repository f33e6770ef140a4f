// The benchmarks' HTTP server, in its own process: answers every request with a small JSON body.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: '1', name: 'Ann Example', email: 'ann@example.com', level: 1, tags: ['a', 'b'] });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
