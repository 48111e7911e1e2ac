/** Request reading and response writing for the VisualGuard simulator's node:http server. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** Reads the body up to `maxBytes`; null when larger or cut off. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** Writes a complete response unless the client has already gone. */
export function send(res: ServerResponse, status: number, contentType: string | null, body: string | Buffer = ''): void {
  if (res.headersSent || res.destroyed) return;
  const head: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' };
  if (contentType) head['Content-Type'] = contentType;
  res.writeHead(status, head);
  res.end(body);
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON_TYPE, JSON.stringify(value));
}

/** Request parameters from the query string, a form body or a JSON body; names compared without case (as ASP.NET binds them). */
export function parameters(query: URLSearchParams, contentType: string, body: string): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') out.set(key.toLowerCase(), String(value));
  };
  for (const [key, value] of query) put(key, value);
  if (/json/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') for (const [key, value] of Object.entries(parsed)) put(key, value);
    } catch {
      // An unreadable body adds nothing; the handler reports the missing parameters.
    }
  } else if (/x-www-form-urlencoded/i.test(contentType)) {
    for (const [key, value] of new URLSearchParams(body)) put(key, value);
  }
  return out;
}
