// Express 5 + svc-gen: `node examples/frameworks/express.mjs` (after `npm install`).
// contextMiddleware() runs each request inside its context; downstream calls carry it.
import express from 'express';
import { closeAll, contextMiddleware, getService } from 'svc-gen/runtime';
import { callGateway, startUserService } from './downstream.mjs';

const user = await startUserService();
const app = express();
app.use(contextMiddleware({ rejectExpired: true }));
app.get('/me', async (_req, res) => res.json(await getService('user').httpDispatch('GET', '/users/me')));
const gateway = app.listen(0, '127.0.0.1');
await new Promise((resolve) => gateway.once('listening', resolve));

console.log('express →', JSON.stringify(await callGateway(`http://127.0.0.1:${gateway.address().port}/me`)));
gateway.closeAllConnections();
gateway.close();
user.closeAllConnections();
user.close();
await closeAll();
