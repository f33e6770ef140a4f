// The gateway: a real node:http server with svc-gen's contextMiddleware(), calling the example
// services through the clients generated from specs/ (run.mjs generates them before importing this).
// GET /account builds the signed-in user's account page from four services, and survives two of
// them failing: what failed is reported in the page instead of failing the whole request.
import { createServer } from 'node:http';
import { APIException, configure, contextMiddleware, getContext, ResponseTimeoutError, serializeUser } from 'svc-gen/runtime';
import { getService } from '../.cache/demo/clients/index.js';
import { listen } from './services.mjs';
import { exceptionFields, green, line, red, step } from './trace.mjs';

/** How long the gateway gives the slow payment service. */
export const PAYMENT_TIMEOUT_MS = 300;
const TENANT = 'shop-eu';

/** Log a caught APIException with its fields; return what the page shows instead of the data. */
function caught(e, started) {
  if (!(e instanceof APIException)) throw e;
  const kind = e instanceof ResponseTimeoutError ? 'ResponseTimeoutError (an APIException)' : 'APIException';
  line('gateway', red(`✗ caught ${kind} after ${Math.round(performance.now() - started)} ms:`));
  exceptionFields(e);
  return { unavailable: e.errorCode.name };
}

async function accountPage() {
  const { requestId, user } = getContext() ?? {};
  line('gateway', `context from contextMiddleware(): request id ${requestId}, user ${user ? serializeUser(user) : 'anonymous'}`);
  if (!user?.isAuthenticated) return [401, { message: 'Sign in first' }];

  step("Propagation: every call carries the request id, the user and the gateway's identity");
  line('gateway', `→ getService('user').getUser({ path: { userId: '${user.id}' } })`);
  const profile = await getService('user').getUser({ path: { userId: user.id } });
  line('gateway', green(`← ${profile.name} <${profile.email}>`));
  line('gateway', `→ getService('order').listOrders({ query: { userId: '${user.id}' }, headers: { 'X-Tenant-Id': '${TENANT}' } })`);
  const orders = await getService('order').listOrders({ query: { userId: user.id }, headers: { 'X-Tenant-Id': TENANT } });
  line('gateway', green(`← ${orders.items.map((o) => `order ${o.id} ${o.status}`).join(', ')}`));
  const paid = orders.items.find((o) => o.status === 'paid');
  const pending = orders.items.find((o) => o.status === 'pending');

  step('Retry: notification fails the first attempt; the runtime retries the GET');
  line('gateway', `→ getService('notification').listNotifications({ query: { userId: '${user.id}', unreadOnly: true } })`);
  const notifications = await getService('notification').listNotifications({ query: { userId: user.id, unreadOnly: true } });
  line('gateway', green(`← ${notifications.length} unread notifications: the retry succeeded; the gateway's code never saw the 503`));

  step(`Timeout: payment is slow; the gateway gives it ${PAYMENT_TIMEOUT_MS} ms`);
  line('gateway', `→ getService('payment').paymentsList({ query: { orderId: ${paid.id} } }, { responseTimeout: ${PAYMENT_TIMEOUT_MS} })`);
  let payments;
  let started = performance.now();
  try {
    payments = await getService('payment').paymentsList({ query: { orderId: paid.id } }, { responseTimeout: PAYMENT_TIMEOUT_MS });
  } catch (e) {
    payments = caught(e, started);
  }

  step('APIException: order answers 404 for the receipt of an unpaid order');
  line('gateway', `→ getService('order').getOrderReceipt({ path: { orderId: ${pending.id} }, headers: { 'X-Tenant-Id': '${TENANT}' } })`);
  let receipt;
  started = performance.now();
  try {
    receipt = await getService('order').getOrderReceipt({ path: { orderId: pending.id }, headers: { 'X-Tenant-Id': TENANT } });
  } catch (e) {
    receipt = caught(e, started);
  }

  return [200, { user: profile.name, orders: orders.items.length, unreadNotifications: notifications.length, payments, receipt }];
}

/**
 * Configure the runtime as the gateway (the only services it may call, where they are, the key
 * its identity token is signed with) and start listening.
 */
export async function startGateway({ urls, secret }) {
  configure({
    serviceName: 'gateway',
    serviceTokenKey: secret,
    serviceConnections: Object.keys(urls),
    services: Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, { url }])),
  });
  const middleware = contextMiddleware();
  const server = createServer((req, res) =>
    middleware(req, res, async () => {
      let status = 404;
      let body = { message: 'Not found' };
      try {
        if (req.method === 'GET' && req.url === '/account') [status, body] = await accountPage();
      } catch (error) {
        line('gateway', red(`✗ unexpected: ${error.stack ?? error}`));
        [status, body] = [500, { message: 'Internal error' }];
      }
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    }),
  );
  return listen(server);
}
