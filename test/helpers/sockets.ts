/**
 * The open sockets of a test server, so that closing it does not wait for keep-alive connections.
 * Every test server (http, raw TCP, proxy, connection counter) tracks its sockets with this.
 */
import type { Socket } from 'node:net';

/** Open sockets: `track` each accepted or dialled socket; `destroyAll` before `server.close()`. */
export interface OpenSockets {
  readonly open: ReadonlySet<Socket>;
  track(socket: Socket): void;
  destroyAll(): void;
}

/** A fresh set; a tracked socket leaves it when it closes. */
export function openSockets(): OpenSockets {
  const open = new Set<Socket>();
  return {
    open,
    track(socket) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    },
    destroyAll() {
      for (const socket of open) socket.destroy();
    },
  };
}
