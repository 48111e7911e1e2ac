/** Provider registry: one line per provider kind; instances are cached per profile version. */
import type { EntraSettings, ProviderKind } from '../../contract/domain.js';
import { createEntraProvider } from './entra/provider.js';
import type { HttpPool } from '../services/http.js';
import type { ProviderDeps, VerificationProvider } from './types.js';

type Factory = (settings: EntraSettings, deps: ProviderDeps) => VerificationProvider;

const factories: Record<ProviderKind, Factory> = {
  entra: createEntraProvider,
};

export interface ProfileRef {
  id: string;
  kind: ProviderKind;
  settings: EntraSettings;
  updatedAt: string;
}

export interface ProviderRegistry {
  forProfile(profile: ProfileRef): VerificationProvider;
  forget(profileId: string): void;
}

/** `readSecret(profileId)` is called only when a provider needs its credential (token acquisition). */
export function createProviderRegistry(
  shared: Omit<ProviderDeps, 'readSecret' | 'http'> & { http: HttpPool },
  readSecret: (profileId: string) => Promise<string | null>,
): ProviderRegistry {
  // Why cache: a provider instance holds the profile's token cache, so pushes after the first need no token call.
  const cache = new Map<string, { version: string; provider: VerificationProvider }>();
  return {
    forProfile(profile) {
      const version = `${profile.updatedAt}|${JSON.stringify(profile.settings)}`;
      const hit = cache.get(profile.id);
      if (hit && hit.version === version) return hit.provider;
      const provider = factories[profile.kind](profile.settings, {
        ...shared,
        http: shared.http.get(profile.settings.proxyUrl),
        readSecret: () => readSecret(profile.id),
      });
      cache.set(profile.id, { version, provider });
      return provider;
    },
    forget: (profileId) => void cache.delete(profileId),
  };
}
