/**
 * Where to post EndTwoWayAuthentication. The Begin answer suggests an AffinityUrl (datacenter affinity); it is
 * followed when it names one of the cloud's published connector hosts (or the configured base, when overridden).
 */
import type { EntraEndpoints } from './cloud.js';

const END_OP = '/EndTwoWayAuthentication';

/** The End URL to use for a session: the AffinityUrl when safe, else the configured End URL. */
export function chooseEndUrl(affinityUrl: string | null, endpoints: EntraEndpoints): string {
  const fallback = endpoints.opUrl('EndTwoWayAuthentication');
  if (!affinityUrl || affinityUrl.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(affinityUrl);
  } catch {
    return fallback;
  }
  if (url.username || url.password || url.hash) return fallback;
  // Why exact paths: a prefix test would also admit …/ConnectorAdmin/… or encoded ../ segments.
  if (/%2f|%5c|\\/i.test(url.pathname)) return fallback;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  for (const base of endpoints.affinityBases) {
    let allowed: URL;
    try {
      allowed = new URL(base);
    } catch {
      continue;
    }
    // Why only these origins: End carries the bearer token; following an AffinityUrl elsewhere would hand it over (SSRF).
    if (url.origin !== allowed.origin) continue;
    const basePath = allowed.pathname.replace(/\/+$/, '');
    // Never double the operation: some clients append it to an AffinityUrl that already names it.
    if (path === basePath + END_OP) return url.toString();
    if (path === basePath) {
      url.pathname = path + END_OP;
      return url.toString();
    }
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
