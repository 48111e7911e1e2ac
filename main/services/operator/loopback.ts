/**
 * The loopback redirect of a native app's sign-in (RFC 8252 §7.3 and §8.3): a listener on 127.0.0.1 on a port
 * the OS picks, for one exact path, used once, with a deadline. The browser is answered only once the app
 * knows how the sign-in ended, so the page it shows is true.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the browser shows after the redirect: a title and one sentence, no scripts. */
export interface LoopbackPage {
  title: string;
  message: string;
}

export type LoopbackResult =
  | { ok: true; url: URL; reply(page: LoopbackPage): void }
  | { ok: false; reason: 'timeout' | 'cancelled' };

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port><path> */
  redirectUri: string;
  /** The first request to the exact path (its full URL), or the deadline, or the cancel. */
  result: Promise<LoopbackResult>;
  close(): void;
}

export interface LoopbackOptions {
  path: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** How long the browser's request is held for the reply before a neutral page is sent. */
  replyTimeoutMs?: number;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(page: LoopbackPage): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(page.title)}</title></head>` +
    `<body><h1>${escape(page.title)}</h1><p>${escape(page.message)}</p></body></html>`;
}

/** Headers of every answer. Why no-referrer: the callback URL carries the authorization code. */
const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
};

/** Opens the listener; the redirect URI is known once this resolves. */
export async function openLoopbackRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  const server = http.createServer();
  server.maxHeadersCount = 50;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Why 127.0.0.1 and not localhost: a name can resolve elsewhere, the address cannot (RFC 8252 §8.3).
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const redirectUri = `http://${host}${options.path}`;
  let settle: (result: LoopbackResult) => void = () => undefined;
  const result = new Promise<LoopbackResult>((resolve) => (settle = resolve));
  let done = false;
  const finish = (outcome: LoopbackResult): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
    // The one shot is used: nothing else is accepted on this port.
    server.close();
    settle(outcome);
  };
  const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), options.timeoutMs);
  timer.unref();
  const onAbort = (): void => finish({ ok: false, reason: 'cancelled' });
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();

  server.on('request', (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    // Why the Host check: a page elsewhere could reach this port through a rebound DNS name.
    if (done || req.method !== 'GET' || req.headers.host !== host || pathname !== options.path) {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    let replied = false;
    const reply = (page: LoopbackPage): void => {
      if (replied) return;
      replied = true;
      clearTimeout(held);
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' }).end(render(page));
    };
    const held = setTimeout(
      () => reply({ title: 'Return to MFA Approver', message: 'The sign-in is being checked. Go back to MFA Approver to see the result.' }),
      options.replyTimeoutMs ?? 30_000,
    );
    held.unref();
    // Built on our own origin: the Host header was checked, but the path and query are all that is taken.
    finish({ ok: true, url: new URL(req.url ?? '/', `http://${host}`), reply });
  });
  return {
    redirectUri,
    result,
    // A request already held keeps its socket until it is answered (reply or its own timer).
    close: () => finish({ ok: false, reason: 'cancelled' }),
  };
}
