/**
 * Provider profiles as the app uses them: stored settings plus the sandbox's built-in ones, secrets
 * write-only through the keychain, every change recorded in the request log together with the change
 * (services/audited-change.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionTestView, ProfileSummary, SecretState } from '../../contract/domain.js';
import { contractFor, type ProfileParsed } from '../../contract/providers/index.js';
import type { Capabilities, SubjectCheck } from '../../contract/providers/types.js';
import { moduleFor, type ProviderRegistry } from '../providers/registry.js';
import type { StepUpProvider } from '../providers/step-up.js';
import type { VerificationProvider } from '../providers/types.js';
import type { Sandbox, SandboxProfile } from '../sandbox/sandbox.js';
import { runAudited, type AuditedEntry, type ChangeStep } from './audited-change.js';
import type { AccountStores } from './db/provider-accounts.js';
import type { ProfileStore, StoredProfile } from './db/profile-store.js';
import type { RequestLog } from './db/request-log.js';
import { AppError } from './errors.js';
import type { Logger } from './log.js';
import { KeychainLockedError, KeychainUnavailableError, type SecretStore } from './secrets.js';

export interface ProfileServiceDeps {
  store: ProfileStore;
  secrets: SecretStore;
  log: RequestLog;
  logger: Logger;
  registry: ProviderRegistry;
  sandbox: Sandbox | null;
  onChange: () => void;
  /** Enrolled accounts kept under profiles (removed with their profile). */
  accounts?: AccountStores;
}

type AnyProfile = StoredProfile | SandboxProfile;

/** A profile ready for a verification: its provider and its subject rule. */
export interface ResolvedProfile {
  profile: AnyProfile;
  provider: VerificationProvider;
  /** The profile's step-up provider (finance approvals), or null when its kind has none. */
  stepUp: StepUpProvider | null;
  sandbox: boolean;
  /** Host the provider's requests go to (recorded with each request). */
  endpointHost?: string | null;
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

/** Where a profile's requests go (module's endpoints), or {} when the module does not say. */
export function endpointsOf(profile: AnyProfile): Record<string, string> {
  try {
    return moduleFor(profile.kind).endpoints?.(profile.settings as never) ?? {};
  } catch {
    return {};
  }
}

/** Host of a profile's first endpoint. */
export function endpointHostOf(profile: AnyProfile): string | null {
  const first = Object.values(endpointsOf(profile))[0];
  if (!first) return null;
  try {
    return new URL(first).host;
  } catch {
    return null;
  }
}

/**
 * What a settings change changed, for the audit entry: every changed key before and after, and the
 * endpoints and proxy always (a profile re-pointed elsewhere must leave a trace). Settings hold no secrets.
 */
export function settingsDiff(before: AnyProfile | null, after: AnyProfile | null): Record<string, unknown> {
  const a = (before?.settings ?? {}) as Record<string, unknown>;
  const b = (after?.settings ?? {}) as Record<string, unknown>;
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) changes[key] = { before: a[key] ?? null, after: b[key] ?? null };
  }
  if (before && after && before.displayName !== after.displayName) changes.displayName = { before: before.displayName, after: after.displayName };
  return {
    changes,
    endpoints: { before: before ? endpointsOf(before) : null, after: after ? endpointsOf(after) : null },
    proxy: { before: before ? (moduleFor(before.kind).proxyUrl(before.settings as never) ?? null) : null, after: after ? (moduleFor(after.kind).proxyUrl(after.settings as never) ?? null) : null },
  };
}

/** Keychain account under which a profile's secret is stored. */
export const secretAccount = (profileId: string): string => `profile:${profileId}`;

export interface ProfileService {
  list(): Promise<ProfileSummary[]>;
  save(input: ProfileParsed): Promise<ProfileSummary>;
  remove(id: string): Promise<void>;
  setSecret(id: string, secret: string): Promise<SecretState>;
  deleteSecret(id: string): Promise<SecretState>;
  testConnection(id: string): Promise<ConnectionTestView>;
  /** The profile with its provider, or null when the id is unknown. */
  resolve(id: string): ResolvedProfile | null;
}

/**
 * Turns a keychain failure into an AppError the operator can act on. `lockedMessage` says what a locked
 * keychain stopped in this operation; the generic one speaks of reading a secret.
 */
export async function viaKeychain<T>(action: () => Promise<T>, lockedMessage?: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof KeychainLockedError) throw new AppError('keychain_locked', lockedMessage ?? error.message);
    if (error instanceof KeychainUnavailableError) throw new AppError('keychain_unavailable', error.message);
    throw error;
  }
}

const UNLOCK = 'Unlock the OS keychain (on Linux the “Login” keyring, on macOS the login keychain) and try again.';

/**
 * Where provider secrets come from: the simulator's for sandbox profiles, the keychain for the others.
 * Keychain errors pass through unchanged, so a provider can tell "locked" from "missing".
 */
export function createSecretSource(secrets: SecretStore, sandbox: Sandbox | null): (profileId: string) => Promise<string | null> {
  return async (profileId) => sandbox?.secretFor(profileId) ?? secrets.get(secretAccount(profileId));
}

export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const { secrets } = deps;
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
    const secret: SecretState = sandbox ? 'set' : await secrets.state(secretAccount(profile.id));
    const capabilities = contractFor(profile.kind).capabilities(profile.settings as never);
    return { ...profile, secret, sandbox, capabilities } as ProfileSummary;
  };
  const entry = (
    action: string,
    profile: Pick<AnyProfile, 'id' | 'displayName' | 'kind'>,
    detail: string | null = null,
    data: Record<string, unknown> | null = null,
  ): AuditedEntry => ({
    entry: {
      action,
      profileId: profile.id,
      profileName: profile.displayName,
      providerKind: profile.kind,
      endpointHost: 'settings' in profile ? endpointHostOf(profile as AnyProfile) : null,
      // The change as intended, written before it is made (its outcome entry says whether it stood).
      data,
    },
    done: { outcome: 'success', detail },
  });
  /** The current secret, read so a failed change can put it back (main only; it never leaves this process). */
  const currentSecret = (id: string, lockedMessage: string): Promise<string | null> =>
    viaKeychain(() => secrets.get(secretAccount(id)), lockedMessage);
  const secretStep = (id: string, next: string | null, previous: string | null): ChangeStep => {
    const write = (value: string | null) => async () => {
      if (value === null) await secrets.delete(secretAccount(id));
      else await secrets.set(secretAccount(id), value);
    };
    return { run: () => viaKeychain(write(next), `The OS keychain is locked, so nothing was changed. ${UNLOCK}`), undo: write(previous) };
  };
  const audited = async (entries: AuditedEntry[], steps: ChangeStep[], profileId: string): Promise<void> => {
    try {
      await runAudited(deps.log, deps.logger, entries, steps);
    } finally {
      deps.registry.forget(profileId);
      deps.onChange();
    }
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
      const problem = moduleFor(input.kind).checkSettings?.(input.settings as never) ?? null;
      if (problem) throw new AppError('bad_request', problem);
      const id = before?.id ?? randomUUID();
      const target = { ...input, id } as ProfileParsed & { id: string };
      const entries = [entry(before ? 'profile.update' : 'profile.create', target, null, settingsDiff(before, target as unknown as AnyProfile))];
      const steps: ChangeStep[] = [];
      // Why: a saved secret must never follow the profile to new endpoints (see secretRoutingKeys).
      if (before && secretRoutingChanged(before, input)) {
        const locked = `The OS keychain is locked, so the profile was not saved: new endpoints or a new credential type remove the saved secret, which needs the keychain. ${UNLOCK}`;
        const previous = await currentSecret(id, locked);
        entries.push(entry('secret.delete', target, 'Endpoints or credential type changed; set the secret again.'));
        if (previous !== null) steps.push(secretStep(id, null, previous));
      }
      steps.push({
        run: () => void deps.store.save(target),
        undo: () => void (before ? deps.store.save({ ...before } as ProfileParsed) : deps.store.remove(id)),
      });
      await audited(entries, steps, id);
      return summary(mustFind(id));
    },
    async remove(id) {
      refuseSandbox(id, 'be removed');
      const profile = mustFind(id);
      const locked = `The OS keychain is locked, so the profile was not removed (its secret would stay behind in the keychain). ${UNLOCK}`;
      const previous = await currentSecret(id, locked);
      const steps: ChangeStep[] = [];
      // The secret goes first: a profile row without a secret is harmless, an orphaned secret is not.
      if (previous !== null) steps.push(secretStep(id, null, previous));
      const accounts = deps.accounts;
      if (accounts) {
        // The enrolled accounts' secrets go with it; read first, so a failed removal can put them back.
        const enrolled = await viaKeychain(() => accounts.snapshot(id), locked);
        steps.push({ run: () => viaKeychain(() => accounts.removeProfile(id), locked), undo: () => accounts.restore(id, enrolled) });
      }
      steps.push({
        run: () => {
          if (!deps.store.remove(id)) throw new AppError('not_found', 'That provider profile does not exist.');
        },
        undo: () => void deps.store.save({ ...profile } as ProfileParsed),
      });
      await audited([entry('profile.remove', profile, null, settingsDiff(profile, null))], steps, id);
    },
    async setSecret(id, secret) {
      refuseSandbox(id, 'take a secret (its credentials are generated per run)');
      const profile = mustFind(id);
      if (contractFor(profile.kind).secret(profile.settings as never) === null) {
        throw new AppError('bad_request', 'secret: this kind of profile has no secret');
      }
      const prepared = moduleFor(profile.kind).prepareSecret?.(profile.settings as never, secret) ?? { ok: true as const, secret };
      if (!prepared.ok) throw new AppError('bad_request', `secret: ${prepared.message}`);
      const bytes = Buffer.byteLength(prepared.secret, 'utf8');
      const { maxSecretBytes, keychainName } = secrets.limit;
      // Why at save time: the keychain would refuse it (Windows) or it would only fail when the secret is used.
      if (bytes > maxSecretBytes) {
        throw new AppError(
          'bad_request',
          `secret: is ${bytes.toLocaleString('en-US')} bytes as stored, and the ${keychainName} holds at most ` +
            `${maxSecretBytes.toLocaleString('en-US')} bytes per entry. Nothing was saved.`,
        );
      }
      const previous = await currentSecret(id, `The OS keychain is locked, so the secret was not saved. ${UNLOCK}`);
      await audited([entry('secret.set', profile)], [secretStep(id, prepared.secret, previous)], id);
      return 'set';
    },
    async deleteSecret(id) {
      refuseSandbox(id, 'lose its secret');
      const profile = mustFind(id);
      const previous = await currentSecret(id, `The OS keychain is locked, so the secret was not removed. ${UNLOCK}`);
      const steps = previous === null ? [] : [secretStep(id, null, previous)];
      await audited([entry('secret.delete', profile, previous === null ? 'No secret was saved.' : null)], steps, id);
      return 'missing';
    },
    async testConnection(id) {
      const resolved = this.resolve(id);
      if (!resolved) throw new AppError('not_found', 'That provider profile does not exist.');
      let logId: string;
      try {
        logId = deps.log.begin({
          action: 'connection.test',
          profileId: id,
          profileName: resolved.profile.displayName,
          providerKind: resolved.profile.kind,
          endpointHost: resolved.endpointHost ?? null,
          sandbox: resolved.sandbox,
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        deps.logger.log('error', 'audit_write_failed', { step: 'begin', error: error instanceof Error ? error.name : 'unknown' });
        throw new AppError('audit_unavailable', 'The request log could not be written, so the connection was not tested. Check that the disk is not full or read-only, then try again.');
      }
      const result = await resolved.provider.testConnection(AbortSignal.timeout(30_000));
      try {
        deps.log.finish(logId, { outcome: result.ok ? 'success' : 'failure', outcomeCode: result.code, detail: result.message });
      } catch (error) {
        deps.logger.log('error', 'audit_write_failed', { step: 'finish', error: error instanceof Error ? error.name : 'unknown' });
        throw new AppError(
          'audit_unavailable',
          `The connection test ran (${result.ok ? 'it worked' : `it failed: ${result.message}`}), but the request log could not record it. Check that the disk is not full or read-only.`,
        );
      } finally {
        deps.onChange();
      }
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
        endpointHost: endpointHostOf(profile),
        capabilities: contract.capabilities(profile.settings as never),
        checkSubject: (raw) => contract.checkSubject(profile.settings as never, raw),
      };
    },
  };
}
