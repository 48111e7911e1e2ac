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
import { MAX_IPC_PAYLOAD } from '../contract/bounds.js';
import type { Result } from '../contract/domain.js';
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
  /**
   * The shell's "system browser" for the operator's sign-in: asks the open page(s) to open `url` in a new tab
   * of the same browser. False when no page is connected.
   */
  openTab(url: string): boolean;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = MAX_IPC_PAYLOAD;
/** Requests one page may have waiting at a time; more are answered "rate_limited" at once. */
const MAX_INFLIGHT = 16;
/** How long a socket that broke the protocol may take to answer our close frame before it is cut. */
const CLOSE_GRACE_MS = 1000;

interface RequestFrame {
  id: number;
  channel: unknown;
  payload: unknown;
}

/** A request frame: an object with a numeric id (the channel and payload are checked by dispatch). */
export function isRequestFrame(value: unknown): value is RequestFrame {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

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
    serveFile(req, res).catch((error: unknown) => {
      options.runtime.logger.log('error', 'shell_request_failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
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
  const { logger } = options.runtime;

  // Why: without this Node answers a malformed HTTP request itself, but nothing would record it.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    logger.log('warn', 'bridge_http_error', { code: error.code ?? 'unknown' });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (req, socket, head) => {
    // Why first: an 'error' on a socket without a listener ends the whole process (a reset mid-handshake).
    socket.on('error', (error: NodeJS.ErrnoException) => logger.log('warn', 'bridge_socket_error', { code: error.code ?? 'unknown' }));
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
    const allowed =
      req.url === '/bridge' &&
      req.headers.host === host &&
      req.headers.origin === origin &&
      sameSecret(presented, token);
    if (!allowed) {
      logger.log('warn', 'bridge_connection_refused', { origin: String(req.headers.origin ?? '') });
      options.runtime.ipcAudit?.senderRejected('bridge', `connection refused (origin ${String(req.headers.origin ?? 'none').slice(0, 100)})`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const inflight = { count: 0 };
      ws.on('close', () => sockets.delete(ws));
      // Why: a frame that breaks the protocol (too large, invalid UTF-8, unmasked, bad opcode, garbage) makes
      // ws close this socket with the matching status (1009, 1007, 1002) and then emit 'error'. Unlistened,
      // that error would end the shell and every other page with it.
      ws.on('error', (error: Error & { code?: string }) => {
        logger.log('warn', 'bridge_protocol_error', { code: error.code ?? 'unknown', detail: error.message });
        setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      });
      ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary, inflight));
    });
  });

  /** Closes one socket with a status and reason, and logs why; the server and other sockets go on. */
  function refuse(ws: WebSocket, reason: string): void {
    logger.log('warn', 'bridge_message_refused', { reason });
    ws.close(1003, reason);
  }

  async function onMessage(ws: WebSocket, data: unknown, isBinary: boolean, inflight: { count: number }): Promise<void> {
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(String(data));
    } catch {
      refuse(ws, 'bad message: not a JSON text frame');
      return;
    }
    if (!isRequestFrame(message)) {
      refuse(ws, 'bad message: not a request');
      return;
    }
    let result: Result<unknown>;
    if (inflight.count >= MAX_INFLIGHT) {
      result = { ok: false, code: 'rate_limited', message: 'Too many requests at once from this page. Wait for the answers and try again.' };
    } else {
      inflight.count += 1;
      try {
        result = await dispatch(options.runtime, message.channel, message.payload);
      } catch (error) {
        // dispatch answers a Result for every failure; this guards the bridge itself.
        logger.log('error', 'bridge_dispatch_failed', { error: error instanceof Error ? error.name : 'unknown' });
        result = { ok: false, code: 'internal', message: 'Something went wrong in the app. Details are in the app log.' };
      } finally {
        inflight.count -= 1;
      }
    }
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ t: 'result', id: message.id, result }), (error) => {
      if (error) logger.log('warn', 'bridge_send_failed', { error: error.name });
    });
  }

  const unsubscribe = options.runtime.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ t: 'event', event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    openTab(url) {
      const frame = JSON.stringify({ t: 'open', url });
      let sent = false;
      for (const ws of sockets) {
        if (ws.readyState !== ws.OPEN) continue;
        ws.send(frame);
        sent = true;
      }
      return sent;
    },
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
