/**
 * Serving the built renderer safely, shared by Electron's app:// protocol and the browser shell: which files
 * a request path may reach, their content types, and a read that cannot leave the folder.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

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

/**
 * Maps a raw request path (`/assets/x.js`, query and fragment already removed) to a file under `root`, or
 * null when it must not be served. Works segment by segment before any normalisation: a URL parser would
 * silently fold `..`, `%2e%2e` and `//` into something that looks harmless, hiding the attempt. Rejected:
 * empty or dot segments (`.`, `..`, hidden files), encoded separators, backslashes, drive letters, NUL.
 */
export function resolveStaticPath(root: string, rawPath: string): string | null {
  if (!rawPath.startsWith('/')) return null;
  if (rawPath === '/') return path.join(path.resolve(root), 'index.html');
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.') || /[/\\:]/.test(segment) || /\p{Cc}/u.test(segment)) return null;
    segments.push(segment);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  // Belt and braces: whatever the checks above missed, the result must stay inside root.
  return isInside(base, file) ? file : null;
}

export function isInside(base: string, file: string): boolean {
  const relative = path.relative(base, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Reads a resolved file, or null when it is not a regular file inside `root` once symlinks are followed. */
export async function readStaticFile(root: string, file: string): Promise<Buffer | null> {
  try {
    // Why realpath: a symlink inside the renderer folder must not lead outside it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}
