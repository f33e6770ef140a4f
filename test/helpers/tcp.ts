/**
 * A raw TCP server on 127.0.0.1 that counts connections and bytes, for tests that must prove
 * nothing at all reached the network. It answers each request head with an empty 200, so a
 * valid call also succeeds against it (the positive control of those tests). Also a raw client
 * that sends a request's body in a later packet than its head.
 */
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { openSockets } from './sockets.js';

export interface TcpServer {
  url: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Bytes received so far, over all connections. */
  readonly bytes: number;
  close: () => Promise<void>;
}

const EMPTY_OK = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}';

export async function startTcpServer(): Promise<TcpServer> {
  let connections = 0;
  let bytes = 0;
  const sockets = openSockets();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.track(socket);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      pending += chunk.toString('latin1');
      // One reply per request head; the calls made against this server carry no body.
      while (pending.includes('\r\n\r\n')) {
        pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
        socket.write(EMPTY_OK);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    get bytes() {
      return bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Pause between the request head and the body, so the body arrives in a later packet. */
  gapMs: number;
}

/**
 * Send one HTTP/1.1 request by hand with its body in a separate, later write (what a slow
 * client or a large upload looks like to the server), then read the whole response.
 */
export function splitRequest(url: string, request: RawRequest): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(request.body);
  const head = [
    `${request.method} ${request.path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    `content-length: ${body.length}`,
    'connection: close',
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${head}\r\n\r\n`);
      setTimeout(() => socket.write(body), request.gapMs);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      if (split < 0 || !status) return reject(new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      if (/\r\ntransfer-encoding: chunked/i.test(text.slice(0, split))) return reject(new Error('chunked responses are not supported here'));
      resolve({ status, body: text.slice(split + 4) });
    });
  });
}

export interface GreetingServer {
  url: string;
  close: () => Promise<void>;
}

/** A TCP server on 127.0.0.1 that writes `greeting` on each connection and ends it: a peer that does not speak HTTP. */
export async function startGreetingServer(greeting: string): Promise<GreetingServer> {
  const sockets = openSockets();
  const server: Server = createServer((socket) => {
    sockets.track(socket);
    socket.on('error', () => {});
    socket.end(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}
