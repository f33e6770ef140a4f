// The example services of specs/ as real node:http servers on 127.0.0.1: a few operations each,
// just enough for the gateway's story. Each logs what it received (request id, user, calling
// service, whether the `authorization: MSA <jwt>` verifies, time left) and which attempt it was.
//   user          getUser
//   order         listOrders, getOrderReceipt (404 for an unpaid order: the APIException)
//   payment       paymentsList, slow: answers after SLOW_MS, long past the gateway's timeout
//   notification  listNotifications, flaky: the first attempt of each request fails with 503
import { createServer } from 'node:http';
import { jwtVerify } from 'jose';
import { detail, line } from './trace.mjs';

/** How long the slow payment service takes to answer. */
export const SLOW_MS = 2000;

const USERS = {
  7: { id: '7', email: 'ann@example.com', name: 'Ann Lee', roles: ['customer'], avatarUrl: null, createdAt: '2025-11-03T09:12:00Z' },
};
const ORDERS = [
  { id: 1002, userId: '7', items: [{ sku: 'lamp-01', quantity: 1, unitPrice: 3900 }], status: 'pending', total: 3900, createdAt: '2026-01-12T10:00:00Z' },
  { id: 1001, userId: '7', items: [{ sku: 'mug-02', quantity: 2, unitPrice: 1250 }], status: 'paid', total: 2500, createdAt: '2026-01-05T16:30:00Z' },
];
const NOTIFICATIONS = [
  { id: 'n-31', userId: '7', channel: 'email', message: 'Your order 1001 has shipped.', read: false },
  { id: 'n-30', userId: '7', channel: 'push', message: 'Order 1002 is waiting for payment.', read: false },
];

/** An error body in Insanic's shape, which the runtime turns into APIException fields. */
function insanicError(status, name, value, message, description) {
  return { message, description, error_code: { name, value }, status };
}

function send(res, status, body) {
  const json = typeof body !== 'string';
  const text = json ? JSON.stringify(body) : body;
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** What the `authorization` header proves: a token signed with the shared key, for this service. */
async function identity(authorization, service, key) {
  const [prefix, token] = String(authorization ?? '').split(' ');
  if (prefix !== 'MSA' || !token) return 'no MSA token';
  try {
    const { payload } = await jwtVerify(token, key, { audience: service, algorithms: ['HS256'] });
    return `MSA <jwt> verified: source=${payload.source}, aud=${payload.aud}`;
  } catch (error) {
    return `MSA <jwt> REJECTED: ${error.code ?? error.message}`;
  }
}

/**
 * One service: counts attempts per (request id, method, url), checks the identity token, logs the
 * request, and lets `handle` answer through `reply(status, body, note)`, which logs the outcome.
 */
function createService(name, key, handle, { fullHeaders = false } = {}) {
  const attempts = new Map();
  const stats = { requests: 0, hungUp: [] };
  const server = createServer(async (req, res) => {
    stats.requests++;
    const h = req.headers;
    const requestId = h['x-insanic-request-id'];
    const attemptKey = `${requestId} ${req.method} ${req.url}`;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    const who = await identity(h.authorization, name, key);
    const received = `← ${req.method} ${req.url}  attempt ${attempt}`;
    const headers = () => {
      if (fullHeaders) {
        detail(`x-insanic-request-id: ${requestId}`);
        detail(`x-insanic-request-user: ${h['x-insanic-request-user']}`);
        detail(`x-insanic-request-service: ${h['x-insanic-request-service']}`);
        detail(`authorization: ${who}`);
        detail(`x-svc-deadline-ms: ${h['x-svc-deadline-ms']}`);
      } else {
        detail(
          `request id ${requestId} · user ${h['x-insanic-request-user']} · from ${h['x-insanic-request-service']} · ${who.replace(/:.*/, '')} · ${h['x-svc-deadline-ms']} ms left`,
        );
      }
    };
    const reply = (status, body, note = '') => {
      line(name, `${received} → ${status}${note ? ` ${note}` : ''}`);
      headers();
      send(res, status, body);
    };
    const started = performance.now();
    const hold = (ms, status, body) => {
      line(name, `${received} → (slow: will answer in ${ms} ms)`);
      headers();
      const timer = setTimeout(() => send(res, status, body), ms);
      res.on('close', () => {
        if (res.writableFinished) return;
        clearTimeout(timer); // the caller gave up: nothing left to answer
        stats.hungUp.push(Math.round(performance.now() - started));
      });
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    handle({ req, url, attempt, reply, hold });
  });
  return { name, server, stats };
}

const notFound = (reply, url) => reply(404, insanicError(404, 'not_found', 999404, 'Not found', `No route for ${url.pathname}.`));

function userService(key) {
  return createService(
    'user',
    key,
    ({ url, reply }) => {
      const match = /^\/users\/([^/]+)$/.exec(url.pathname);
      if (!match) return notFound(reply, url);
      const user = USERS[match[1]];
      if (user) return reply(200, user);
      reply(404, insanicError(404, 'user_not_found', 1404, 'User not found', `No user has id ${match[1]}.`));
    },
    { fullHeaders: true },
  );
}

function orderService(key) {
  return createService('order', key, ({ req, url, reply }) => {
    if (!req.headers['x-tenant-id']) return reply(400, insanicError(400, 'tenant_missing', 2400, 'Tenant missing', 'X-Tenant-Id is required.'));
    if (url.pathname === '/orders') {
      const userId = url.searchParams.get('userId');
      return reply(200, { items: ORDERS.filter((o) => !userId || o.userId === userId), nextCursor: null });
    }
    const receipt = /^\/orders\/(\d+)\/receipt$/.exec(url.pathname);
    const order = receipt && ORDERS.find((o) => o.id === Number(receipt[1]));
    if (!order) return notFound(reply, url);
    if (order.status === 'pending') {
      const description = `Order ${order.id} is still pending; a receipt exists once it is paid.`;
      return reply(404, insanicError(404, 'receipt_not_found', 2404, 'Receipt not found', description));
    }
    reply(200, `Receipt for order ${order.id}: ${order.total} cents, paid.`);
  });
}

function paymentService(key) {
  return createService('payment', key, ({ url, hold, reply }) => {
    if (url.pathname !== '/payments') return notFound(reply, url);
    const orderId = Number(url.searchParams.get('orderId'));
    hold(SLOW_MS, 200, { items: [{ id: 'pay-88', orderId, amount: 2500, currency: 'EUR', status: 'captured' }], page: 1, hasMore: false });
  });
}

function notificationService(key) {
  return createService('notification', key, ({ url, attempt, reply }) => {
    if (url.pathname !== '/notifications') return notFound(reply, url);
    // Intermittent, but deterministically so: the first attempt of every request fails.
    if (attempt === 1) {
      return reply(503, insanicError(503, 'service_unavailable', 999603, 'Service unavailable', 'Flaky on purpose.'), '(flaky: first attempts fail)');
    }
    const userId = url.searchParams.get('userId');
    const unreadOnly = url.searchParams.get('unreadOnly') === 'true';
    reply(
      200,
      NOTIFICATIONS.filter((n) => n.userId === userId && (!unreadOnly || !n.read)),
    );
  });
}

/** Listen on 127.0.0.1:0; `close()` destroys open keep-alive sockets so nothing lingers. */
export async function listen(server) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Start the four services; `key` is the shared HS256 key that identity tokens are checked with. */
export async function startServices(secret) {
  const key = new TextEncoder().encode(secret);
  const services = [userService(key), orderService(key), paymentService(key), notificationService(key)];
  const started = [];
  for (const service of services) started.push({ ...service, ...(await listen(service.server)) });
  return {
    services: started,
    urls: Object.fromEntries(started.map((s) => [s.name, s.url])),
    close: () => Promise.all(started.map((s) => s.close())),
  };
}
