/** URL rules shared by every provider's settings. Zod schemas only: no Node, no Electron. */
import { boundedString } from './bounds.js';

const MAX_URL = 300;

/** True for https URLs, and for plain http only to a loopback address (the sandbox simulators). */
export function isAllowedBaseUrl(value: string): boolean {
  if (value.length > MAX_URL) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/**
 * Base URL of a provider endpoint. https only, except plain http to a loopback address.
 * Why: provider calls carry bearer tokens and secrets; nothing may leave the machine unencrypted.
 */
export const baseUrlSchema = boundedString(MAX_URL)
  .trim()
  .refine((value) => isAllowedBaseUrl(value), {
    message: 'must be an https:// address (http:// only for 127.0.0.1 or localhost), without a user name or query',
  });

/** True for http(s)://host:port with no credentials or path (tunnelled with CONNECT). */
export function isProxyUrl(value: string): boolean {
  if (value.length > MAX_URL) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username && !url.password && !url.search && !url.hash && (url.pathname === '/' || url.pathname === '')
    );
  } catch {
    return false;
  }
}

/** HTTPS proxy for provider calls. */
export const proxyUrlSchema = boundedString(MAX_URL)
  .trim()
  .refine((value) => isProxyUrl(value), { message: 'must look like http://proxy.example.com:8080 (no user name, password or path)' });

/** Host name of an absolute URL, or null. */
export function hostOf(value: string | undefined | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}
