/** The simulators' HTTP server: 127.0.0.1 only, bounded waits, and a close that ends every connection. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from './http-io.js';

export interface LoopbackServer {
  port: number;
  /** Stops listening and drops every connection (keep-alive sockets and stalled requests would hold it open). */
  close(): Promise<void>;
}

/** Serves `route` on 127.0.0.1 (`port` 0: any free port); a route that throws answers 500 with no body. */
export async function listenLoopback(
  route: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  options: { port?: number; requestTimeoutMs?: number } = {},
): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => {
    route(req, res).catch(() => send(res, 500, null));
  });
  // Bounded waits: a stalled client cannot hold a half-sent request open.
  server.headersTimeout = 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  // Why: longer than client idle times, so a reused keep-alive socket is rarely closed under a request.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
