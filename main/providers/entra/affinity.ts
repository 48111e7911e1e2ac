/**
 * Where to post EndTwoWayAuthentication. The Begin answer suggests an AffinityUrl (datacenter affinity), but
 * it is only followed when it stays on the configured connector origin.
 */
import type { EntraEndpoints } from './cloud.js';

const END_OP = '/EndTwoWayAuthentication';

/** The End URL to use for a session: the AffinityUrl when safe, else the configured End URL. */
export function chooseEndUrl(affinityUrl: string | null, endpoints: EntraEndpoints): string {
  const fallback = endpoints.opUrl('EndTwoWayAuthentication');
  if (!affinityUrl) return fallback;
  let url: URL;
  let base: URL;
  try {
    url = new URL(affinityUrl);
    base = new URL(endpoints.connectorBase);
  } catch {
    return fallback;
  }
  // Why: End carries the bearer token; following an AffinityUrl to another host would hand it over (SSRF).
  if (url.origin !== base.origin || url.username || url.password || url.hash) return fallback;
  // Why exact paths: a prefix test would also admit …/ConnectorAdmin/… or encoded ../ segments.
  if (/%2f|%5c|\\/i.test(url.pathname)) return fallback;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  const basePath = base.pathname.replace(/\/+$/, '');
  // Never double the operation: some clients append it to an AffinityUrl that already names it.
  if (path === basePath + END_OP) return url.toString();
  if (path === basePath) {
    url.pathname = path + END_OP;
    return url.toString();
  }
  return fallback;
}

/** The datacenter tag of an AffinityUrl (`?dc=KRS`), if it is a short plain token. */
export function datacenterOf(affinityUrl: string | null): string | null {
  if (!affinityUrl) return null;
  try {
    const dc = new URL(affinityUrl).searchParams.get('dc');
    return dc && /^[A-Za-z0-9-]{1,16}$/.test(dc) ? dc : null;
  } catch {
    return null;
  }
}
