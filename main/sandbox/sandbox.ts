/**
 * The sandbox: every provider simulator that contributes one, started on 127.0.0.1 and offered as built-in
 * profiles, so the real provider modules run over real HTTP; plus the simulated phone the agent answers.
 * Off until turned on (the browser shell turns it on; a packaged build only when the user asks).
 */
import type { PhoneAction, SandboxView } from '../../contract/domain.js';
import { contractFor, type ProviderKind, type SettingsOf } from '../../contract/providers/index.js';
import { sandboxContributions } from '../../simulators/index.js';
import { createPhoneAuthenticator, type PhoneAuthenticator, type ScanResult } from '../../simulators/phone/authenticator.js';
import type { SandboxBackend, SandboxContribution, SandboxStartOptions } from '../../simulators/types.js';
import type { Logger } from '../services/log.js';

/** A built-in profile backed by a simulator. */
export type SandboxProfile = {
  [K in ProviderKind]: { id: string; kind: K; displayName: string; settings: SettingsOf<K>; updatedAt: string };
}[ProviderKind];

export interface Sandbox {
  enabled(): boolean;
  /** Starts or stops every simulator. */
  setEnabled(on: boolean): Promise<void>;
  profiles(): SandboxProfile[];
  profile(id: string): SandboxProfile | null;
  /** The simulated credential of a sandbox profile; null for any other id. */
  secretFor(profileId: string): string | null;
  /** The running backend of a provider kind (tests and benchmarks script its simulator). */
  backend(kind: ProviderKind): SandboxBackend | null;
  state(): SandboxView;
  respond(promptId: string, action: PhoneAction): boolean;
  setFault(profileId: string, fault: string): boolean;
  /** The simulated phone's authenticator app adds the account of an otpauth URI read from a QR code on screen. */
  scan(uri: string): ScanResult;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface SandboxDeps {
  logger: Logger;
  options?: SandboxStartOptions;
  contributions?: readonly SandboxContribution[];
  /** Time for the phone's authenticator codes (the app's clock). */
  now?: () => number;
}

const SANDBOX_UPDATED_AT = '1970-01-01T00:00:00.000Z';

export function createSandbox(deps: SandboxDeps): Sandbox {
  const contributions = deps.contributions ?? sandboxContributions;
  let backends: SandboxBackend[] = [];
  let profiles: SandboxProfile[] = [];
  let unsubscribers: (() => void)[] = [];
  let phone: PhoneAuthenticator | null = null;
  let switching: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };

  const start = async (): Promise<void> => {
    const started: SandboxBackend[] = [];
    try {
      for (const contribution of contributions) started.push(await contribution.start(deps.options ?? {}));
    } catch (error) {
      await Promise.allSettled(started.map((b) => b.close()));
      throw error;
    }
    backends = started;
    // Why parse: a simulator's settings pass the same schema as any stored profile before the module sees them.
    profiles = started.map(
      (b) =>
        ({
          id: b.profileId,
          kind: b.kind,
          displayName: b.profileName,
          settings: contractFor(b.kind).settingsSchema.parse(b.settings),
          updatedAt: SANDBOX_UPDATED_AT,
        }) as SandboxProfile,
    );
    phone = createPhoneAuthenticator(deps.now);
    unsubscribers = [...started.map((b) => b.onChange(notify)), phone.onChange(notify)];
  };

  const stop = async (): Promise<void> => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    const closing = backends;
    phone?.close();
    phone = null;
    unsubscribers = [];
    backends = [];
    profiles = [];
    await Promise.allSettled(closing.map((b) => b.close()));
  };

  const find = (profileId: string): SandboxBackend | undefined => backends.find((b) => b.profileId === profileId);

  return {
    enabled: () => backends.length > 0,
    setEnabled(on) {
      // Serialised, so a quick on/off/on never leaves two sets of simulators running.
      switching = switching.then(async () => {
        if (on && backends.length === 0) await start();
        if (!on && backends.length > 0) await stop();
        deps.logger.log('info', on ? 'sandbox_started' : 'sandbox_stopped', { backends: backends.length });
        notify();
      });
      return switching;
    },
    profiles: () => [...profiles],
    profile: (id) => profiles.find((p) => p.id === id) ?? null,
    secretFor: (profileId) => find(profileId)?.secret ?? null,
    backend: (kind) => backends.find((b) => b.kind === kind) ?? null,
    state: () => ({
      enabled: backends.length > 0,
      backends: backends.map((b) => ({
        profileId: b.profileId,
        profileName: b.profileName,
        kind: b.kind,
        users: b.users(),
        faults: [...b.faults],
        nextFault: b.nextFault(),
      })),
      prompts: [...(phone?.prompts() ?? []), ...backends.flatMap((b) => b.prompts())].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
    }),
    respond(promptId, action) {
      // An account in the phone's authenticator app offers one answer: remove it.
      if (phone?.prompts().some((p) => p.id === promptId)) return action === 'ignore' && phone.remove(promptId);
      for (const backend of backends) {
        if (backend.prompts().some((p) => p.id === promptId)) {
          return backend.prompts().find((p) => p.id === promptId)!.actions.includes(action) && backend.respond(promptId, action);
        }
      }
      return false;
    },
    setFault: (profileId, fault) => find(profileId)?.setFault(fault) ?? false,
    scan: (uri) => phone?.scan(uri) ?? { ok: false, message: 'the sandbox is not running' },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await switching.catch(() => undefined);
      await stop();
      listeners.clear();
    },
  };
}
