/**
 * A small in-process TCP proxy between the client and a real server, injecting transport faults:
 * latency, a reset at accept or mid-response, a connection held open with no data, 1-byte slices,
 * a slow close, and going down then up again on the same port.
 */
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { openSockets } from './sockets.js';

export interface Faults {
  /** Delay each forwarded chunk, both ways (ms). */
  latencyMs?: number;
  /** Reset every new connection at once. */
  resetAtAccept?: boolean;
  /** Reset the client socket after forwarding this many response bytes. */
  resetAfterResponseBytes?: number;
  /** Accept, read, never forward or answer. */
  hold?: boolean;
  /** Forward the response one byte at a time. */
  slices?: boolean;
  /** After the upstream ends, wait this long before ending the client side (ms). */
  slowCloseMs?: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  faults: Faults;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Stop listening and drop every connection (connection refused from now on). */
  down: () => Promise<void>;
  /** Listen again on the same port. */
  up: () => Promise<void>;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Write chunks in order, each after the configured latency, optionally byte by byte. */
function forwarder(to: Socket, faults: Faults, onBytes?: (n: number) => boolean) {
  let chain = Promise.resolve();
  return (chunk: Buffer) => {
    chain = chain.then(async () => {
      if (faults.latencyMs) await sleep(faults.latencyMs);
      const parts = faults.slices ? [...chunk].map((b) => Buffer.from([b])) : [chunk];
      for (const part of parts) {
        if (to.destroyed) return;
        if (onBytes && !onBytes(part.length)) return;
        to.write(part);
        if (faults.slices) await new Promise((resolve) => setImmediate(resolve));
      }
    });
    return chain;
  };
}

export async function startProxy(upstreamPort: number, faults: Faults = {}): Promise<FaultProxy> {
  let connections = 0;
  let server: Server | undefined;
  let port = 0;
  const sockets = openSockets();
  const track = (socket: Socket) => {
    sockets.track(socket);
    socket.on('error', () => {});
  };

  const onConnection = (client: Socket) => {
    connections++;
    track(client);
    if (faults.resetAtAccept) return client.resetAndDestroy();
    if (faults.hold) return client.on('data', () => {});
    const upstream = connect(upstreamPort, '127.0.0.1');
    track(upstream);
    let sent = 0;
    const toClient = forwarder(client, faults, (n) => {
      sent += n;
      if (faults.resetAfterResponseBytes !== undefined && sent > faults.resetAfterResponseBytes) {
        client.resetAndDestroy();
        upstream.destroy();
        return false;
      }
      return true;
    });
    const toUpstream = forwarder(upstream, faults);
    client.on('data', toUpstream);
    upstream.on('data', toClient);
    upstream.on('end', async () => {
      await toClient(Buffer.alloc(0));
      if (faults.slowCloseMs) await sleep(faults.slowCloseMs);
      client.end();
    });
    client.on('end', () => upstream.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (!faults.slowCloseMs) client.destroy();
    });
  };

  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer(onConnection);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      sockets.destroyAll();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await up();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    port,
    faults,
    get connections() {
      return connections;
    },
    down,
    up,
    close: down,
  };
}
