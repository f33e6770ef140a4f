/**
 * Real node:http servers on 127.0.0.1 implementing the repo's specs (just enough behaviour for the
 * end-to-end tests), built on the shared test server helper that records every request.
 */
import type { ServerResponse } from 'node:http';
import { type Received, startServer, type TestServer } from '../helpers/server.js';

/** An error body in the runtime's (Insanic's) shape. */
export function errorBody(status: number, name: string, message: string): Record<string, unknown> {
  return { message, description: `${message} (test)`, error_code: { name, value: 100000 + status }, status };
}

function send(res: ServerResponse, status: number, body?: unknown, type = 'application/json'): void {
  res.statusCode = status;
  if (body === undefined) return void res.end();
  res.setHeader('content-type', type);
  res.end(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));
}

/** Parses a recorded multipart or urlencoded body the way a server framework would. */
export async function formOf(r: Received): Promise<FormData> {
  return new Request('http://x', { method: 'POST', body: r.body, headers: { 'content-type': String(r.headers['content-type']) } }).formData();
}

export const USER = { id: 'u1', email: 'ann@example.com', name: 'Ann', roles: ['staff'], avatarUrl: null, createdAt: '2026-01-01T00:00:00Z' };
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
export const ORDER = {
  id: 7,
  userId: 'u1',
  items: [{ sku: 'sku-1', quantity: 2, unitPrice: 450 }],
  status: 'pending',
  total: 900,
  createdAt: '2026-01-02T00:00:00Z',
};

/** The user service. `failNext` makes the next request answer 503 (for retry tests). */
export function userServer(state: { failNext: number }): Promise<TestServer> {
  return startServer(async (req, res, r) => {
    const url = new URL(r.url, 'http://x');
    if (state.failNext > 0) {
      state.failNext--;
      return send(res, 503, errorBody(503, 'service_unavailable', 'Try again'));
    }
    const p = url.pathname;
    if (p === '/users' && req.method === 'GET') {
      if (url.searchParams.get('page') === '0') return send(res, 400, errorBody(400, 'invalid_page', 'page must be >= 1'));
      return send(res, 200, { items: [USER], page: Number(url.searchParams.get('page') ?? 1), perPage: 20, total: 1, nextPage: null });
    }
    if (p === '/users' && req.method === 'POST') return send(res, 201, { ...USER, ...JSON.parse(r.body.toString()) });
    if (p === '/users/by-email') return send(res, 200, USER);
    const avatar = /^\/users\/([^/]+)\/avatar$/.exec(p);
    if (avatar && req.method === 'PUT') {
      const form = await formOf(r);
      const file = form.get('file') as File;
      return send(res, 200, { url: `/avatars/${avatar[1]}/${file.name}?caption=${form.get('caption')}`, size: file.size });
    }
    if (avatar && req.method === 'GET') return send(res, 200, PNG, 'image/png');
    const user = /^\/users\/([^/]+)$/.exec(p);
    if (user && decodeURIComponent(user[1] ?? '') === 'missing') return send(res, 404, errorBody(404, 'user_not_found', 'No such user'));
    if (user && req.method === 'GET') return send(res, 200, { ...USER, id: decodeURIComponent(user[1] ?? '') });
    if (user && req.method === 'PATCH') return send(res, 200, { ...USER, ...JSON.parse(r.body.toString()) });
    if (user && req.method === 'DELETE') return send(res, 204);
    return send(res, 404, errorBody(404, 'not_found', 'no route'));
  });
}

/** The order service: insists on its tenant header, as the spec requires. */
export function orderServer(): Promise<TestServer> {
  return startServer((req, res, r) => {
    const url = new URL(r.url, 'http://x');
    if (req.headers['x-tenant-id'] !== 't1') return send(res, 400, errorBody(400, 'tenant_missing', 'X-Tenant-Id is required'));
    if (url.pathname === '/orders' && req.method === 'GET') return send(res, 200, { items: [ORDER], nextCursor: null });
    if (url.pathname === '/orders' && req.method === 'POST') return send(res, 201, { ...ORDER, ...JSON.parse(r.body.toString()), id: 8 });
    if (url.pathname === '/orders/7/receipt') return send(res, 200, 'Receipt #7\nTotal: 9.00 EUR\n', 'text/plain; charset=utf-8');
    if (url.pathname === '/orders/7/cancel') return send(res, 409, { ...errorBody(409, 'already_shipped', 'Order already shipped') });
    return send(res, 404, errorBody(404, 'order_not_found', 'No such order'));
  });
}

/** The payment service. */
export function paymentServer(): Promise<TestServer> {
  return startServer((req, res, r) => {
    const url = new URL(r.url, 'http://x');
    if (url.pathname === '/payments' && req.method === 'POST') {
      return send(res, 402, { ...errorBody(402, 'card_declined', 'Card declined'), declineCode: 'insufficient_funds' });
    }
    const refund = /^\/payments\/([^/]+)\/refunds$/.exec(url.pathname);
    if (refund) {
      const form = new URLSearchParams(r.body.toString());
      return send(res, 201, { id: 'r1', paymentId: refund[1], amount: Number(form.get('amount')), reason: form.get('reason') });
    }
    if (url.pathname === '/health') return send(res, 200, 'ok', 'text/plain');
    return send(res, 404, errorBody(404, 'payment_not_found', 'No such payment'));
  });
}

/** The notification service (its spec is Swagger 2.0, converted by svc-gen). */
export function notificationServer(): Promise<TestServer> {
  return startServer(async (req, res, r) => {
    const url = new URL(r.url, 'http://x');
    if (url.pathname === '/notifications' && req.method === 'GET') {
      return send(res, 200, [
        { id: 'n1', userId: url.searchParams.get('userId'), channel: 'email', message: 'hi', read: url.searchParams.get('unreadOnly') !== 'true' },
      ]);
    }
    if (url.pathname === '/notifications' && req.method === 'POST') return send(res, 202, { id: 'n2', read: false, ...JSON.parse(r.body.toString()) });
    if (/\/read$/.test(url.pathname)) return send(res, 204);
    if (/\/attachments$/.test(url.pathname)) {
      const form = await formOf(r);
      const file = form.get('file') as File;
      return send(res, 201, { id: String(form.get('label')), filename: file.name, size: file.size });
    }
    return send(res, 404, errorBody(404, 'not_found', 'no route'));
  });
}
