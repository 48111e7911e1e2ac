/** The one check of a sign-in URL before any browser opens it (Electron's system browser, the shell's new tab). */

/**
 * True when `url` is a request to exactly `authorizationEndpoint` (same origin and path; only the query
 * differs), over https (plain http only to a loopback address, a provider on this machine), without credentials.
 */
export function isAuthorizationUrl(url: unknown, authorizationEndpoint: string): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  let endpoint: URL;
  try {
    parsed = new URL(url);
    endpoint = new URL(authorizationEndpoint);
  } catch {
    return false;
  }
  const loopbackHttp = parsed.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname);
  if ((parsed.protocol !== 'https:' && !loopbackHttp) || parsed.username !== '' || parsed.password !== '' || parsed.hash !== '') return false;
  return parsed.origin === endpoint.origin && parsed.pathname === endpoint.pathname;
}
