// Plain node:http + svc-gen: `node examples/frameworks/node-http.mjs` (after `npm install`).
import { createServer } from 'node:http';
import { closeAll, contextMiddleware, getService } from 'svc-gen/runtime';
import { callGateway, startUserService } from './downstream.mjs';

const user = await startUserService();
const withContext = contextMiddleware({ rejectExpired: true });
const gateway = createServer((req, res) =>
  withContext(req, res, async () => {
    const body = await getService('user').httpDispatch('GET', '/users/me');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }),
);
await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));

console.log('node:http →', JSON.stringify(await callGateway(`http://127.0.0.1:${gateway.address().port}/me`)));
gateway.closeAllConnections();
gateway.close();
user.closeAllConnections();
user.close();
await closeAll();
