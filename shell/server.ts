/**
 * Browser shell: runs the main-process services in plain Node, serves the built renderer on 127.0.0.1 and
 * bridges the preload API over a WebSocket. For development, demos and end-to-end tests on machines without
 * the Electron runtime; never packaged.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../main/ipc/dispatch.js';
import type { AppRuntime } from '../main/runtime-types.js';
import { mimeTypeFor, readStaticFile, resolveStaticPath } from '../main/services/static-files.js';
import { TOKEN_PROTOCOL_PREFIX } from './protocol.js';

export interface ShellOptions {
  runtime: AppRuntime;
  rendererDir: string;
  /** Bridge script built for the browser (dist/shell/bridge.js). */
  bridgeFile: string;
  port?: number;
}

export interface Shell {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024;

/** CSP for the shell: as in Electron, plus the one WebSocket the bridge needs. */
export function shellCsp(origin: string, asHeader = true): string {
  const ws = origin.replace(/^http:/, 'ws:');
  const policy = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${ws}; base-uri 'none'; form-action 'none'`;
  // frame-ancestors is honoured only as a header (browsers ignore it, noisily, in a meta tag).
  return asHeader ? `${policy}; frame-ancestors 'none'` : policy;
}


export async function startShell(options: ShellOptions): Promise<Shell> {
  const token = randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const host = `127.0.0.1:${port}`;
  const indexHtml = (await fs.readFile(path.join(options.rendererDir, 'index.html'), 'utf8'))
    // The renderer's own meta CSP forbids all connections; the shell's bridge needs exactly one.
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, `<meta http-equiv="Content-Security-Policy" content="${shellCsp(origin, false)}">`)
    .replace('<head>', '<head>\n    <script src="./__bridge.js"></script>');

  server.on('request', (req, res) => {
    void serveFile(req, res);
  });

  async function serveFile(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const headers = {
      'Content-Security-Policy': shellCsp(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    // Why: a Host check stops DNS-rebinding pages from reading the app through this port.
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403, headers).end();
      return;
    }
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === '/' || urlPath === '/index.html') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(indexHtml);
      return;
    }
    const served =
      urlPath === '/__bridge.js'
        ? { root: path.dirname(options.bridgeFile), file: options.bridgeFile }
        : { root: options.rendererDir, file: resolveStaticPath(options.rendererDir, urlPath) };
    const contentType = served.file ? mimeTypeFor(served.file) : null;
    const body = served.file && contentType ? await readStaticFile(served.root, served.file) : null;
    if (!body || !contentType) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': contentType }).end(body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (protocols) => [...protocols][0] ?? false });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
    const allowed =
      req.url === '/bridge' &&
      req.headers.host === host &&
      req.headers.origin === origin &&
      sameSecret(presented, token);
    if (!allowed) {
      options.runtime.logger.log('warn', 'bridge_connection_refused', { origin: String(req.headers.origin ?? '') });
      options.runtime.ipcAudit?.senderRejected('bridge', `connection refused (origin ${String(req.headers.origin ?? 'none').slice(0, 100)})`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    });
  });

  async function onMessage(ws: WebSocket, data: unknown, isBinary: boolean): Promise<void> {
    let message: { id?: unknown; channel?: unknown; payload?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      ws.close(1003, 'bad message');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
      ws.close(1003, 'bad message');
      return;
    }
    const result = await dispatch(options.runtime.handlers, message.channel, message.payload, options.runtime.logger, options.runtime.ipcAudit);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id: message.id, result }));
  }

  const unsubscribe = options.runtime.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ t: 'event', event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
