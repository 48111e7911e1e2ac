/**
 * Provider profiles as the app uses them: stored settings plus the sandbox's built-in ones, secrets
 * write-only through the keychain, every change recorded in the request log.
 */
import type { ConnectionTestView, ProfileSummary } from '../../contract/domain.js';
import { contractFor, type ProfileParsed } from '../../contract/providers/index.js';
import type { Capabilities, SubjectCheck } from '../../contract/providers/types.js';
import { moduleFor, type ProviderRegistry } from '../providers/registry.js';
import type { StepUpProvider } from '../providers/step-up.js';
import type { VerificationProvider } from '../providers/types.js';
import type { Sandbox, SandboxProfile } from '../sandbox/sandbox.js';
import type { ProfileStore, StoredProfile } from './db/profile-store.js';
import type { RequestLog } from './db/request-log.js';
import { AppError } from './errors.js';
import { KeychainUnavailableError, type SecretStore } from './secrets.js';

export interface ProfileServiceDeps {
  store: ProfileStore;
  secrets: SecretStore;
  log: RequestLog;
  registry: ProviderRegistry;
  sandbox: Sandbox | null;
  onChange: () => void;
}

type AnyProfile = StoredProfile | SandboxProfile;

/** A profile ready for a verification: its provider and its subject rule. */
export interface ResolvedProfile {
  profile: AnyProfile;
  provider: VerificationProvider;
  /** The profile's step-up provider (finance approvals), or null when its kind has none. */
  stepUp: StepUpProvider | null;
  sandbox: boolean;
  capabilities: Capabilities;
  /** Checks and canonicalises an account name with this provider's rule. */
  checkSubject(raw: string): SubjectCheck;
}

/** True when a settings change moves where the secret goes (see ProviderModule.secretRoutingKeys). */
export function secretRoutingChanged(before: AnyProfile, after: ProfileParsed): boolean {
  if (before.kind !== after.kind) return true;
  const keys = moduleFor(before.kind).secretRoutingKeys as readonly string[];
  const a = before.settings as Record<string, unknown>;
  const b = after.settings as Record<string, unknown>;
  return keys.some((key) => (a[key] ?? null) !== (b[key] ?? null));
}

/** Keychain account under which a profile's secret is stored. */
export const secretAccount = (profileId: string): string => `profile:${profileId}`;

export interface ProfileService {
  list(): Promise<ProfileSummary[]>;
  save(input: ProfileParsed): Promise<ProfileSummary>;
  remove(id: string): Promise<void>;
  setSecret(id: string, secret: string): Promise<void>;
  deleteSecret(id: string): Promise<void>;
  testConnection(id: string): Promise<ConnectionTestView>;
  /** The profile with its provider, or null when the id is unknown. */
  resolve(id: string): ResolvedProfile | null;
}

/** Turns a keychain failure into an AppError the operator can act on. */
export async function viaKeychain<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new AppError('keychain_unavailable', error.message);
    throw error;
  }
}

/** Where provider secrets come from: the simulator's for sandbox profiles, the keychain for the others. */
export function createSecretSource(secrets: SecretStore, sandbox: Sandbox | null): (profileId: string) => Promise<string | null> {
  return async (profileId) => sandbox?.secretFor(profileId) ?? viaKeychain(() => secrets.get(secretAccount(profileId)));
}

export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const isSandbox = (id: string): boolean => deps.sandbox?.profile(id) != null;
  const find = (id: string): AnyProfile | null => deps.sandbox?.profile(id) ?? deps.store.get(id);
  const mustFind = (id: string): AnyProfile => {
    const profile = find(id);
    if (!profile) throw new AppError('not_found', 'That provider profile does not exist.');
    return profile;
  };
  const refuseSandbox = (id: string, what: string): void => {
    if (isSandbox(id)) throw new AppError('forbidden', `A built-in sandbox profile cannot ${what}.`);
  };
  const summary = async (profile: AnyProfile): Promise<ProfileSummary> => {
    const sandbox = isSandbox(profile.id);
    let secretSet = sandbox;
    if (!sandbox) {
      try {
        secretSet = await deps.secrets.has(secretAccount(profile.id));
      } catch {
        secretSet = false;
      }
    }
    const capabilities = contractFor(profile.kind).capabilities(profile.settings as never);
    return { ...profile, secretSet, sandbox, capabilities } as ProfileSummary;
  };
  const audit = (action: string, profile: AnyProfile | null, outcome: string, detail: string | null = null): void => {
    deps.log.record(
      { action, profileId: profile?.id ?? null, profileName: profile?.displayName ?? null, providerKind: profile?.kind ?? null },
      { outcome, detail },
    );
    deps.onChange();
  };

  return {
    async list() {
      const all: AnyProfile[] = [...(deps.sandbox?.profiles() ?? []), ...deps.store.list()];
      return Promise.all(all.map(summary));
    },
    async save(input) {
      if (input.id) refuseSandbox(input.id, 'be edited');
      const before = input.id ? mustFind(input.id) : null;
      if (before && before.kind !== input.kind) {
        throw new AppError('bad_request', 'kind: a profile cannot change its provider; add a new profile instead');
      }
      const dropSecret = before !== null && secretRoutingChanged(before, input);
      // The secret goes first: if the keychain refuses, nothing is saved and the old endpoints stay.
      if (dropSecret) await viaKeychain(() => deps.secrets.delete(secretAccount(before.id)));
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
      await viaKeychain(() => deps.secrets.delete(secretAccount(id)));
      deps.store.remove(id);
      deps.registry.forget(id);
      audit('profile.remove', profile, 'success');
    },
    async setSecret(id, secret) {
      refuseSandbox(id, 'take a secret (its credentials are generated per run)');
      const profile = mustFind(id);
      await viaKeychain(() => deps.secrets.set(secretAccount(id), secret));
      deps.registry.forget(id);
      audit('secret.set', profile, 'success');
    },
    async deleteSecret(id) {
      refuseSandbox(id, 'lose its secret');
      const profile = mustFind(id);
      await viaKeychain(() => deps.secrets.delete(secretAccount(id)));
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
        sandbox: resolved.sandbox,
      });
      const result = await resolved.provider.testConnection(AbortSignal.timeout(30_000));
      deps.log.finish(logId, { outcome: result.ok ? 'success' : 'failure', outcomeCode: result.code, detail: result.message });
      deps.onChange();
      return result;
    },
    resolve(id) {
      const profile = find(id);
      if (!profile) return null;
      const contract = contractFor(profile.kind);
      return {
        profile,
        provider: deps.registry.forProfile(profile),
        stepUp: deps.registry.stepUpForProfile(profile),
        sandbox: isSandbox(id),
        capabilities: contract.capabilities(profile.settings as never),
        checkSubject: (raw) => contract.checkSubject(profile.settings as never, raw),
      };
    },
  };
}
