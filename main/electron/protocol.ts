/**
 * The `app://` protocol: serves the built renderer (dist/renderer) and nothing else. Replaces file://
 * (security checklist item 18) so the page gets a real origin, a CSP header and no file-system reach.
 * Electron-free: main.ts registers `createAppProtocolHandler` on the app session.
 */
import type { Logger } from '../services/log.js';
import { mimeTypeFor, readStaticFile, resolveStaticPath } from '../services/static-files.js';
import { APP_ORIGIN, isAppOrigin } from './origin.js';

/**
 * Why a header and not only a <meta>: `frame-ancestors` is ignored in <meta>. The renderer needs no network
 * (main makes every provider call), hence `connect-src 'none'`.
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers on every answer, including errors. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Maps an `app://mfa-approver/…` URL to a file under `root`, or null for other origins or unsafe paths. */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppOrigin(url) || !url.startsWith(`${APP_ORIGIN}/`)) return null;
  return resolveStaticPath(root, url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '');
}

function answer(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Builds the `protocol.handle('app', …)` handler serving files under `root` (the renderer dist dir). */
export function createAppProtocolHandler(root: string, logger: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed');
    const file = resolveAppFile(root, request.url);
    const contentType = file ? mimeTypeFor(file) : null;
    if (!file || !contentType) {
      logger.log('warn', 'app_protocol_rejected', { path: safePath(request.url) });
      return answer(404, 'Not found');
    }
    const bytes = await readStaticFile(root, file);
    if (!bytes) return answer(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(bytes);
    return new Response(body, { status: 200, headers: securityHeaders(contentType) });
  };
}

/** The path part only, for the log (no query strings). */
function safePath(url: string): string {
  return url.split(/[?#]/, 1)[0]?.slice(0, 200) ?? '';
}
