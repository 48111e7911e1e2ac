/**
 * The provider registry: one line per provider module. Instances are cached per profile version, so a
 * provider's token cache survives between verifications.
 */
import type { ContractOf, ProviderKind, SettingsOf } from '../../contract/providers/index.js';
import type { HttpPool } from '../services/http.js';
import type { Clock } from '../services/clock.js';
import type { Logger } from '../services/log.js';
import { auth0Module } from './auth0/module.js';
import { apptotpModule } from './apptotp/module.js';
import { cibaModule } from './ciba/module.js';
import { entraModule } from './entra/module.js';
import type { StepUpProvider } from './step-up.js';
import { visualguardModule } from './visualguard/module.js';
import type { AccountStore, ProviderDeps, ProviderModule, VerificationProvider } from './types.js';

type ModuleOf<K extends ProviderKind> = ProviderModule<K, ContractOf<K>['settingsSchema']>;

/** Every provider module, by kind. The type demands one entry per contract in contract/providers/index.ts. */
export const providerModules: { [K in ProviderKind]: ModuleOf<K> } = {
  entra: entraModule,
  ciba: cibaModule,
  auth0: auth0Module,
  visualguard: visualguardModule,
  apptotp: apptotpModule,
};

/** The module of a kind. */
export function moduleFor<K extends ProviderKind>(kind: K): ModuleOf<K> {
  return providerModules[kind];
}

/** A stored profile as the registry needs it. */
export type ProfileRef = { [K in ProviderKind]: { id: string; kind: K; settings: SettingsOf<K>; updatedAt: string } }[ProviderKind];

/** Where a profile's secret comes from: the keychain for stored profiles, the simulator for sandbox ones. */
export type SecretSource = (profileId: string) => Promise<string | null>;

export interface ProviderRegistry {
  forProfile(profile: ProfileRef): VerificationProvider;
  /** The profile's step-up provider, or null when its module has no step-up capability. */
  stepUpForProfile(profile: ProfileRef): StepUpProvider | null;
  forget(profileId: string): void;
}

export interface RegistryDeps {
  http: HttpPool;
  clock: Clock;
  logger: Logger;
  secrets: SecretSource;
  /** Per-account storage under a profile (keychain entries and state rows). */
  accounts?: (profileId: string) => AccountStore;
}

export function createProviderRegistry(deps: RegistryDeps): ProviderRegistry {
  const cache = new Map<string, { version: string; provider: VerificationProvider; stepUp: StepUpProvider | null }>();
  const entry = (profile: ProfileRef) => {
    const version = `${profile.kind}|${profile.updatedAt}|${JSON.stringify(profile.settings)}`;
    const hit = cache.get(profile.id);
    if (hit && hit.version === version) return hit;
    // Why the widening: the pair (kind, settings) was validated together by that kind's schema.
    const module = moduleFor(profile.kind) as unknown as ProviderModule;
    const settings: unknown = profile.settings;
    const providerDeps: ProviderDeps = {
      http: deps.http.get(module.proxyUrl(settings)),
      clock: deps.clock,
      logger: deps.logger,
      readSecret: () => deps.secrets(profile.id),
      ...(deps.accounts ? { accounts: deps.accounts(profile.id) } : {}),
    };
    const created = { version, provider: module.create(settings, providerDeps), stepUp: module.stepUp?.(settings, providerDeps) ?? null };
    cache.set(profile.id, created);
    return created;
  };
  return {
    forProfile: (profile) => entry(profile).provider,
    stepUpForProfile: (profile) => entry(profile).stepUp,
    forget: (profileId) => void cache.delete(profileId),
  };
}
