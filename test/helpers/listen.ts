/**
 * Listen on 127.0.0.1 with any `node:http` server (an Express app's, for instance) and close it
 * for good: open keep-alive sockets are destroyed so the test run never waits on them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSockets } from './sockets.js';

export interface Listening {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export async function listen(server: Server): Promise<Listening> {
  const sockets = openSockets();
  server.on('connection', sockets.track);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.destroyAll();
        server.close(() => resolve());
      }),
  };
}
