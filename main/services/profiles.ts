/**
 * Provider profiles as the app uses them: stored settings plus the built-in sandbox, secrets write-only
 * through the keychain, every change recorded in the request log.
 */
import type { ConnectionTestView, ProfileSummary, ProviderKind, EntraSettings } from '../../contract/domain.js';
import { AppError } from '../ipc/dispatch.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { VerificationProvider } from '../providers/types.js';
import { SANDBOX_PROFILE_ID, SANDBOX_PROFILE_NAME, type Sandbox } from '../sandbox/sandbox.js';
import type { ProfileStore, StoredProfile } from './db/profile-store.js';
import type { RequestLog } from './db/request-log.js';
import { KeychainUnavailableError, type SecretStore } from './secrets.js';

export interface ProfileServiceDeps {
  store: ProfileStore;
  secrets: SecretStore;
  log: RequestLog;
  registry: ProviderRegistry;
  sandbox: Sandbox | null;
  onChange: () => void;
}

/**
 * Settings that decide where the secret (and the tokens it buys) are sent. Changing any of them drops the
 * stored secret. Why: otherwise anyone at the keyboard could point a saved profile at their own server and
 * have the app post the client secret there, reading back what the UI never shows.
 */
const secretRoutingKeys = ['tenant', 'cloud', 'connectorHost', 'credential', 'loginBaseUrl', 'connectorBaseUrl'] as const;

export function secretRoutingChanged(before: EntraSettings, after: EntraSettings): boolean {
  return secretRoutingKeys.some((key) => (before[key] ?? null) !== (after[key] ?? null));
}

/** Keychain account under which a profile's secret is stored. */
export const secretAccount = (profileId: string): string => `profile:${profileId}`;

export interface ProfileService {
  list(): Promise<ProfileSummary[]>;
  save(input: { id?: string | undefined; kind: ProviderKind; displayName: string; settings: EntraSettings }): Promise<ProfileSummary>;
  remove(id: string): Promise<void>;
  setSecret(id: string, secret: string): Promise<void>;
  deleteSecret(id: string): Promise<void>;
  testConnection(id: string): Promise<ConnectionTestView>;
  /** The profile and its provider, or null when the id is unknown. */
  resolve(id: string): { profile: StoredProfile; provider: VerificationProvider } | null;
  /** Reads a secret for a provider call (main process only; never reachable from IPC). */
  readSecret(id: string): Promise<string | null>;
}

export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const sandboxProfile = (): StoredProfile | null =>
    deps.sandbox
      ? { id: SANDBOX_PROFILE_ID, kind: 'entra', displayName: SANDBOX_PROFILE_NAME, settings: deps.sandbox.settings, updatedAt: '1970-01-01T00:00:00.000Z' }
      : null;
  const find = (id: string): StoredProfile | null =>
    id === SANDBOX_PROFILE_ID ? sandboxProfile() : deps.store.get(id);
  const mustFind = (id: string): StoredProfile => {
    const profile = find(id);
    if (!profile) throw new AppError('not_found', 'That provider profile does not exist.');
    return profile;
  };
  const refuseSandbox = (id: string, what: string): void => {
    if (id === SANDBOX_PROFILE_ID) throw new AppError('forbidden', `The built-in sandbox profile cannot ${what}.`);
  };
  const keychain = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw new AppError('keychain_unavailable', error.message);
      throw error;
    }
  };
  const summary = async (profile: StoredProfile): Promise<ProfileSummary> => {
    const sandbox = profile.id === SANDBOX_PROFILE_ID;
    let secretSet = sandbox;
    if (!sandbox) {
      try {
        secretSet = await deps.secrets.has(secretAccount(profile.id));
      } catch {
        secretSet = false;
      }
    }
    return { ...profile, secretSet, sandbox };
  };
  const audit = (action: string, profile: StoredProfile | null, outcome: string, detail: string | null = null): void => {
    deps.log.record(
      { action, profileId: profile?.id ?? null, profileName: profile?.displayName ?? null, providerKind: profile?.kind ?? null },
      { outcome, detail },
    );
    deps.onChange();
  };

  return {
    async list() {
      const all = [sandboxProfile(), ...deps.store.list()].filter((p): p is StoredProfile => p !== null);
      return Promise.all(all.map(summary));
    },
    async save(input) {
      if (input.id) refuseSandbox(input.id, 'be edited');
      const before = input.id ? mustFind(input.id) : null;
      const dropSecret = before !== null && secretRoutingChanged(before.settings, input.settings);
      // The secret goes first: if the keychain refuses, nothing is saved and the old endpoints stay.
      if (dropSecret) await keychain(() => deps.secrets.delete(secretAccount(before.id)));
      const saved = deps.store.save(input);
      deps.registry.forget(saved.id);
      audit(before ? 'profile.update' : 'profile.create', saved, 'success');
      if (dropSecret) audit('secret.delete', saved, 'success', 'Endpoints or credential type changed; set the secret again.');
      return summary(saved);
    },
    async remove(id) {
      refuseSandbox(id, 'be removed');
      const profile = mustFind(id);
      // Remove the secret first: a profile row without a secret is harmless, an orphaned secret is not.
      await keychain(() => deps.secrets.delete(secretAccount(id)));
      deps.store.remove(id);
      deps.registry.forget(id);
      audit('profile.remove', profile, 'success');
    },
    async setSecret(id, secret) {
      refuseSandbox(id, 'take a secret (its credentials are generated per run)');
      const profile = mustFind(id);
      await keychain(() => deps.secrets.set(secretAccount(id), secret));
      deps.registry.forget(id);
      audit('secret.set', profile, 'success');
    },
    async deleteSecret(id) {
      refuseSandbox(id, 'lose its secret');
      const profile = mustFind(id);
      await keychain(() => deps.secrets.delete(secretAccount(id)));
      deps.registry.forget(id);
      audit('secret.delete', profile, 'success');
    },
    async testConnection(id) {
      const resolved = this.resolve(id);
      if (!resolved) throw new AppError('not_found', 'That provider profile does not exist.');
      const logId = deps.log.begin({
        action: 'connection.test',
        profileId: id,
        profileName: resolved.profile.displayName,
        providerKind: resolved.profile.kind,
      });
      const result = await resolved.provider.testConnection(AbortSignal.timeout(30_000));
      deps.log.finish(logId, { outcome: result.ok ? 'success' : 'failure', outcomeCode: result.code, detail: result.message });
      deps.onChange();
      return result;
    },
    resolve(id) {
      const profile = find(id);
      return profile ? { profile, provider: deps.registry.forProfile(profile) } : null;
    },
    async readSecret(id) {
      if (id === SANDBOX_PROFILE_ID) return deps.sandbox?.clientSecret ?? null;
      return keychain(() => deps.secrets.get(secretAccount(id)));
    },
  };
}
