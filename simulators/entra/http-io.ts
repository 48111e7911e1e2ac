/** Request reading and response writing for the simulator's node:http server. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads the body up to `maxBytes`; null when larger (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
    req.on('close', () => resolve(tooLarge || !req.complete ? null : Buffer.concat(chunks).toString('utf8')));
  });
}

/** Writes a complete response unless the client has already gone. */
export function send(res: ServerResponse, status: number, contentType: string | null, body = ''): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  };
  if (contentType) headers['Content-Type'] = contentType;
  res.writeHead(status, headers);
  res.end(body);
}

export const XML_TYPE = 'application/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** WCF-style HTML error page for requests the service cannot read (reference §7.2). */
export function requestErrorPage(detail: string): string {
  const text = `The server encountered an error processing the request. ${detail}`;
  const head = '<head><title>Request Error</title></head>';
  return `<!DOCTYPE html><html>${head}<body><h1>Request Error</h1><p>${text}</p></body></html>`;
}
