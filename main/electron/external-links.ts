/**
 * The only place the app hands a URL to the operating system (security checklist item 15). A link the
 * renderer asks to open is untrusted input: `file:`, `smb:`, custom handlers or `javascript:` could run
 * programs or leak credentials, so only https to a known host gets through; everything else is logged and
 * dropped.
 */
import { shell } from 'electron';
import type { Logger } from '../services/log.js';
import { isAuthorizationUrl } from '../services/operator/authorization-url.js';
import { schemeOf } from './origin.js';

/** Hosts the app links to (Microsoft documentation and admin portals). Exact match, no wildcards. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'learn.microsoft.com',
  'support.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'aka.ms',
];

export interface ExternalLinkOptions {
  logger?: Logger;
  /** Allowed hosts; `null` allows any https host. Defaults to EXTERNAL_LINK_HOSTS. */
  allowedHosts?: readonly string[] | null;
}

/** True when `url` is https, carries no credentials and (when a list is given) its host is on the list. */
export function isSafeExternalUrl(url: unknown, allowedHosts: readonly string[] | null = EXTERNAL_LINK_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowedHosts === null || allowedHosts.includes(parsed.hostname.toLowerCase());
}

/** Opens `url` in the default browser when it is safe; otherwise logs and drops it. Returns whether it opened. */
export function openExternalSafe(url: unknown, options: ExternalLinkOptions = {}): boolean {
  const allowedHosts = options.allowedHosts === undefined ? EXTERNAL_LINK_HOSTS : options.allowedHosts;
  if (!isSafeExternalUrl(url, allowedHosts)) {
    options.logger?.log('warn', 'external_link_blocked', { scheme: schemeOf(url) });
    return false;
  }
  launch(new URL(url as string), options.logger);
  return true;
}

/**
 * Opens the operator's sign-in page in the system browser (RFC 8252: the system browser, never a view inside
 * the app). The sibling of openExternalSafe for one purpose: only the sign-in provider's own authorization
 * endpoint, as its discovery document published it, is ever opened this way.
 */
export function openAuthorizationUrl(url: unknown, authorizationEndpoint: string, logger?: Logger): boolean {
  if (!isAuthorizationUrl(url, authorizationEndpoint)) {
    logger?.log('warn', 'authorization_url_blocked', { scheme: schemeOf(url) });
    return false;
  }
  launch(new URL(url as string), logger);
  return true;
}

/** The one call to shell.openExternal, with a URL one of the checks above accepted. */
function launch(url: URL, logger: Logger | undefined): void {
  // Why the re-serialised URL: the OS gets the parser's canonical form, not the renderer's raw string.
  // Electronegativity asks for a review of every openExternal; this is the reviewed one (https only, allowed
  // hosts only, no credentials; test/unit/electron/external-links.test.ts), so its check is off on this line.
  shell.openExternal(url.href).catch((error: unknown) => { // eng-disable OPEN_EXTERNAL_JS_CHECK
    logger?.log('warn', 'external_link_failed', { error: error instanceof Error ? error.name : 'unknown' });
  });
}
