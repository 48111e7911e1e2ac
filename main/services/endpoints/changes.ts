/**
 * Which hosts a profile change moves: every endpoint and the proxy, old host and new. A profile re-pointed at
 * another server is the change that matters most in a settings diff, so it gets its own audit entry.
 */
import { hostOfUrl } from './hosts.js';

export interface HostChange {
  /** The endpoint as the provider module names it (connector, token, issuer, …), or `proxy`. */
  endpoint: string;
  before: string | null;
  after: string | null;
}

export interface EndpointSet {
  endpoints: Record<string, string>;
  proxy: string | null;
}

/** The endpoints (and the proxy) whose host differs between `before` and `after`; null is "none". */
export function hostChanges(before: EndpointSet | null, after: EndpointSet | null): HostChange[] {
  const host = (url: string | null | undefined): string | null => (url ? hostOfUrl(url) : null);
  const names = new Set([...Object.keys(before?.endpoints ?? {}), ...Object.keys(after?.endpoints ?? {})]);
  const changes: HostChange[] = [];
  for (const endpoint of names) {
    const a = host(before?.endpoints[endpoint]);
    const b = host(after?.endpoints[endpoint]);
    if (a !== b) changes.push({ endpoint, before: a, after: b });
  }
  const proxyBefore = host(before?.proxy);
  const proxyAfter = host(after?.proxy);
  if (proxyBefore !== proxyAfter) changes.push({ endpoint: 'proxy', before: proxyBefore, after: proxyAfter });
  return changes;
}

/** One line for the audit entry, e.g. `token: login.microsoftonline.com → evil.example`. */
export function describeHostChanges(changes: readonly HostChange[]): string {
  return changes.map((c) => `${c.endpoint}: ${c.before ?? 'none'} → ${c.after ?? 'none'}`).join('; ');
}
