// Fastify 5 + svc-gen: `node examples/frameworks/fastify.mjs` (after `npm install`).
// The plugin runs each request inside its context; downstream calls carry it.
import Fastify from 'fastify';
import { closeAll, fastifyContextPlugin, getService } from 'svc-gen/runtime';
import { callGateway, startUserService } from './downstream.mjs';

const user = await startUserService();
const app = Fastify();
await app.register(fastifyContextPlugin, { rejectExpired: true });
app.get('/me', () => getService('user').httpDispatch('GET', '/users/me'));
const url = await app.listen({ port: 0, host: '127.0.0.1' });

console.log('fastify →', JSON.stringify(await callGateway(`${url}/me`)));
await app.close();
user.closeAllConnections();
user.close();
await closeAll();
