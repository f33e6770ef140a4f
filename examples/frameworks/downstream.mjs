// Shared by the framework examples: a downstream "user" service on 127.0.0.1 that echoes the
// context headers it received, and the runtime configured to reach it.
import { createServer } from 'node:http';
import { configure } from 'svc-gen/runtime';

export async function startUserService() {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        requestId: req.headers['x-insanic-request-id'],
        user: req.headers['x-insanic-request-user'],
        from: req.headers['x-insanic-request-service'],
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  configure({ serviceName: 'gateway', serviceConnections: ['user'], services: { user: { url: `http://127.0.0.1:${server.address().port}` } } });
  return server;
}

/** One request into the gateway with a request id and a user, as an upstream caller sends them. */
export async function callGateway(url) {
  const res = await fetch(url, { headers: { 'x-insanic-request-id': 'req-42', 'x-insanic-request-user': 'id=7;level=1;is_authenticated=1' } });
  return res.json();
}
