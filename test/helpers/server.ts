/**
 * Real HTTP servers on 127.0.0.1 for behaviour tests: a handler per test, every received
 * request recorded (method, url, headers, body), sockets tracked so tests can see closes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { openSockets } from './sockets.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received, index: number) => unknown;

export interface TestServer {
  url: string;
  port: number;
  server: Server;
  received: Received[];
  /** Resolves when a socket that carried a request closes. */
  socketClosed: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = openSockets();
  let closeWaiters: (() => void)[] = [];
  const carried = new WeakSet<Socket>(); // sockets that carried a request
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
    received.push(entry);
    carried.add(req.socket);
    try {
      await handler(req, res, entry, received.length - 1);
    } catch (error) {
      res.destroy(error as Error);
    }
  });
  server.on('connection', (socket) => {
    sockets.track(socket);
    socket.on('close', () => {
      if (!carried.has(socket)) return;
      const waiters = closeWaiters;
      closeWaiters = [];
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    received,
    socketClosed: () => new Promise<void>((resolve) => closeWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}

/** Reply with JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
