/**
 * The behaviour tests' usual setup, written once: a real server on 127.0.0.1, the runtime
 * configured to call it as one service, and after each test the runtime's pools and the server
 * closed (`afterEach` is registered by `servedService`, in the file or describe that calls it).
 */
import { closeAll, configure, getService, type Service, type Settings } from 'svc-gen/runtime';
import { afterEach } from 'vitest';
import { type Handler, startServer, type TestServer } from './server.js';

export interface ServedService {
  /** The current test's server; throws before `start`. */
  readonly server: TestServer;
  /**
   * Start a server answering with `handler` and configure the runtime: the defaults given to
   * `servedService`, then `settings`; the service's own entry always points at the server (`url`
   * first, so `settings.services[name]` may add to it or replace it); `basePath` is appended to
   * the server's address (a service behind a path prefix).
   */
  start(handler: Handler, settings?: Settings, basePath?: string): Promise<Service>;
  /** Close the server now (the registry still points at its address: connections are refused). */
  stop(): Promise<void>;
}

export function servedService(name: string, defaults: Settings = {}): ServedService {
  let current: TestServer | undefined;
  afterEach(async () => {
    await closeAll();
    await current?.close();
    current = undefined;
  });
  return {
    get server() {
      if (!current) throw new Error('servedService: no server started in this test');
      return current;
    },
    async start(handler, settings = {}, basePath = '') {
      current = await startServer(handler);
      configure({
        serviceConnections: [name],
        ...defaults,
        ...settings,
        services: {
          ...defaults.services,
          ...settings.services,
          [name]: { url: current.url + basePath, ...defaults.services?.[name], ...settings.services?.[name] },
        },
      });
      return getService(name);
    },
    async stop() {
      await current?.close();
      current = undefined;
    },
  };
}
