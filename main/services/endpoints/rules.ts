/**
 * Pinned endpoints. In a packaged build a profile may call only the hosts its provider publishes for its
 * cloud or tenant (each provider module says which: ProviderModule.publishedHosts), and may name a proxy only
 * over https; anything else needs the managed policy's endpoints section. Why: a profile that points at any
 * server turns every answer that server invents into a green APPROVED, so where a profile may point is an
 * administrator's decision, not the keyboard's. Development builds and the sandbox's own profiles are not pinned.
 */
import type { EndpointPolicy } from '../../../contract/policy/endpoints.js';
import type { ProviderKind } from '../../../contract/providers/index.js';
import { moduleFor } from '../../providers/registry.js';
import type { ProviderModule } from '../../providers/types.js';
import { hostMatches, hostOfUrl } from './hosts.js';

export type EndpointRefusalReason = 'host_not_published' | 'plain_http_proxy';

export interface EndpointRefusal {
  reason: EndpointRefusalReason;
  /** Which endpoint (as the provider module names it), or `proxy`. */
  endpoint: string;
  host: string;
  /** Plain words that name the host and what would allow it. */
  message: string;
}

export interface EndpointRules {
  /** Whether endpoints are pinned at all (packaged builds). */
  readonly pinned: boolean;
  /** Why a profile's settings may not be used here, or null. */
  check(kind: ProviderKind, settings: unknown): EndpointRefusal | null;
  /** A check of each URL a provider is about to call; null when nothing is pinned. */
  urlCheck(kind: ProviderKind, settings: unknown): ((url: string) => EndpointRefusal | null) | null;
}

const ASK = 'Your administrator can allow it in the managed policy (endpoints).';

/** The rules for this build and policy. */
export function createEndpointRules(options: { packaged: boolean; policy: EndpointPolicy | undefined }): EndpointRules {
  const allowed = options.policy?.allowedHosts ?? [];
  const published = (kind: ProviderKind, settings: unknown) => {
    const module = moduleFor(kind) as unknown as ProviderModule;
    return module.publishedHosts?.(settings) ?? { hosts: [] as string[], owner: module.contract.displayName };
  };
  const hostRefusal = (kind: ProviderKind, settings: unknown, endpoint: string, url: string): EndpointRefusal | null => {
    const host = hostOfUrl(url);
    const { hosts, owner } = published(kind, settings);
    if (host && (hostMatches(host, hosts) || hostMatches(host, allowed))) return null;
    const list = hosts.length > 0 ? `: ${hosts.join(', ')}` : '';
    return {
      reason: 'host_not_published',
      endpoint,
      host: host ?? url.slice(0, 100),
      message:
        hosts.length > 0
          ? `The ${endpoint} address points at ${host ?? 'an unreadable address'}, which is not a published host of ${owner}${list}. ${ASK}`
          : `The ${endpoint} address points at ${host ?? 'an unreadable address'}. ${owner} runs on your organisation's own server, so this installation calls it only where the managed policy allows the host. ${ASK}`,
    };
  };
  return {
    pinned: options.packaged,
    check(kind, settings) {
      if (!options.packaged) return null;
      const module = moduleFor(kind) as unknown as ProviderModule;
      for (const [endpoint, url] of Object.entries(module.endpoints?.(settings) ?? {})) {
        const refusal = hostRefusal(kind, settings, endpoint, url);
        if (refusal) return refusal;
      }
      const proxy = module.proxyUrl(settings);
      // Why: over plain http the proxy hop itself (CONNECT and its answer) can be read and altered on the network.
      if (proxy && proxy.startsWith('http:') && options.policy?.allowPlainHttpProxy !== true) {
        const host = hostOfUrl(proxy) ?? 'the proxy';
        return {
          reason: 'plain_http_proxy',
          endpoint: 'proxy',
          host,
          message: `The HTTPS proxy ${host} is reached over plain http://, which this installation allows only when the managed policy says so (endpoints.allowPlainHttpProxy). Use an https:// proxy address, or ask your administrator.`,
        };
      }
      return null;
    },
    urlCheck(kind, settings) {
      if (!options.packaged) return null;
      return (url) => hostRefusal(kind, settings, 'requested', url);
    },
  };
}
