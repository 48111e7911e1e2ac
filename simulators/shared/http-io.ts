/** Request reading and response writing for the simulators' node:http servers. */
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

/** Parses an application/x-www-form-urlencoded body; null when a parameter appears twice (RFC 6749 §3.1). */
export function parseForm(body: string): Map<string, string> | null {
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) {
    if (form.has(key)) return null;
    form.set(key, value);
  }
  return form;
}

/** Writes a complete response unless the client has already gone. */
export function send(res: ServerResponse, status: number, contentType: string | null, body: string | Buffer = '', headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const head: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers };
  if (contentType) head['Content-Type'] = contentType;
  res.writeHead(status, head);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON_TYPE, JSON.stringify(value), headers);
}

/** An OAuth error answer (RFC 6749 §5.2). */
export function sendError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, error_description: description }, headers);
}
