/**
 * The app's own origin. The renderer is served from `app://mfa-approver/` (a privileged custom scheme, never
 * file://), and every trust decision in main — IPC senders, navigation, event forwarding — compares against it.
 * Electron-free so unit tests and the IPC layer can use it directly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mfa-approver';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** Dedicated persistent session, so our permission handlers and protocol apply to the app window only. */
export const APP_PARTITION = 'persist:mfa-approver';

/**
 * True when `url` belongs to the app origin. Why parse instead of `startsWith`: a prefix test accepts
 * `app://mfa-approver.evil/…` or `app://mfa-approver@evil/…` (security checklist item 13).
 * Node reports an opaque origin for non-special schemes, so scheme, host, port and credentials are compared.
 */
export function isAppOrigin(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The scheme of a URL, for logs: never the whole URL, whose query may carry tokens. */
export function schemeOf(url: unknown): string {
  if (typeof url !== 'string') return typeof url;
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1]?.toLowerCase().slice(0, 20) ?? 'none';
}
