/**
 * The `app://` protocol: serves the built renderer (dist/renderer) and nothing else. Replaces file://
 * (security checklist item 18) so the page gets a real origin, a CSP header and no file-system reach.
 * Electron-free: main.ts registers `createAppProtocolHandler` on the app session.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../services/log.js';
import { APP_ORIGIN, isAppOrigin } from './origin.js';

/**
 * Why a header and not only a <meta>: `frame-ancestors` is ignored in <meta>. The renderer needs no network
 * (main makes every provider call), hence `connect-src 'none'`.
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Only these file types are served; anything else answers 404 (no guessing, no sniffing). */
const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string | null {
  return mimeTypes[path.extname(filePath).toLowerCase()] ?? null;
}

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

/**
 * Maps an `app://mfa-approver/…` URL to a file under `root`, or null when it must not be served.
 * Works on the raw path, segment by segment, before any normalisation: a URL parser would silently fold
 * `..`, `%2e%2e` and `//` into something that looks harmless, hiding the attempt. Rejected: other origins,
 * empty or dot segments (`.`, `..`, hidden files), encoded separators, backslashes, drive letters, NUL.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppOrigin(url) || !url.startsWith(`${APP_ORIGIN}/`)) return null;
  const rawPath = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '/') return path.join(path.resolve(root), 'index.html');
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:]/.test(segment) || hasControlCharacter(segment)) return null;
    segments.push(segment);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  // Belt and braces: whatever the checks above missed, the result must stay inside root.
  return isInside(base, file) ? file : null;
}

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isInside(base: string, file: string): boolean {
  const relative = path.relative(base, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
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
    try {
      // Why realpath: a symlink inside dist/renderer must not lead outside it.
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return answer(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(realFile));
      return new Response(body, { status: 200, headers: securityHeaders(contentType) });
    } catch {
      return answer(404, 'Not found');
    }
  };
}

/** The path part only, for the log (no query strings). */
function safePath(url: string): string {
  return url.split(/[?#]/, 1)[0]?.slice(0, 200) ?? '';
}
