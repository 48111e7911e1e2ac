/** Maps every contract channel to the services. Validation already happened in dispatch(). */
import type { AppInfo } from '../contract/domain.js';
import { AppError, type Handlers } from './ipc/dispatch.js';
import type { Sandbox } from './sandbox/sandbox.js';
import type { RequestLog } from './services/db/request-log.js';
import type { ProfileService } from './services/profiles.js';
import type { SecretStore } from './services/secrets.js';
import type { VerificationService } from './services/verification.js';

const METHODS_DEADLINE_MS = 75_000;

export interface HandlerDeps {
  info: Omit<AppInfo, 'keychain'>;
  secrets: SecretStore;
  profiles: ProfileService;
  verifications: VerificationService;
  log: RequestLog;
  sandbox: Sandbox | null;
  onAuditChange: () => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const sandbox = (): Sandbox => {
    if (!deps.sandbox) throw new AppError('not_found', 'The sandbox tenant is not running in this app.');
    return deps.sandbox;
  };
  return {
    'app:info': async () => {
      const probe = await deps.secrets.probe();
      return { ...deps.info, keychain: probe.available ? { available: true, message: null } : { available: false, message: probe.message } };
    },
    'profiles:list': () => deps.profiles.list(),
    'profiles:save': (input) => deps.profiles.save(input),
    'profiles:remove': async ({ id }) => {
      await deps.profiles.remove(id);
      return { removed: true as const };
    },
    'profiles:setSecret': async ({ id, secret }) => {
      await deps.profiles.setSecret(id, secret);
      return { secretSet: true };
    },
    'profiles:deleteSecret': async ({ id }) => {
      await deps.profiles.deleteSecret(id);
      return { secretSet: false };
    },
    'profiles:testConnection': ({ id }) => deps.profiles.testConnection(id),
    'verify:methods': async ({ profileId, upn }) => {
      const resolved = deps.profiles.resolve(profileId);
      if (!resolved) throw new AppError('not_found', 'That provider profile does not exist.');
      const logId = deps.log.begin({
        action: 'verify.methods',
        target: upn,
        profileId,
        profileName: resolved.profile.displayName,
        providerKind: resolved.profile.kind,
      });
      // Longer than the provider's own token + request timeouts, so those answer first with their reason.
      let result: Awaited<ReturnType<typeof resolved.provider.listMethods>>;
      try {
        result = await resolved.provider.listMethods(upn, AbortSignal.timeout(METHODS_DEADLINE_MS));
      } catch {
        result = { ok: false, code: 'timeout', message: 'Entra ID did not answer in time. Try again.' };
      }
      deps.log.finish(
        logId,
        result.ok
          ? { outcome: 'success', detail: `${result.methods.length} methods` }
          : { outcome: 'failure', outcomeCode: result.code, detail: result.message },
      );
      deps.onAuditChange();
      if (!result.ok) throw new AppError('provider_error', result.message);
      return { upn, methods: result.methods };
    },
    'verify:start': async (input) => deps.verifications.start(input),
    'verify:submitCode': ({ verificationId, code }) => deps.verifications.submitCode(verificationId, code),
    'verify:cancel': async ({ verificationId }) => deps.verifications.cancel(verificationId),
    'verify:list': async () => deps.verifications.list(),
    'audit:list': async (query) => deps.log.list(query),
    'sandbox:state': async () =>
      deps.sandbox ? deps.sandbox.state() : { enabled: false, users: [], prompts: [], nextFault: 'none' as const },
    'sandbox:respond': async ({ promptId, action }) => {
      if (!sandbox().respond(promptId, action)) {
        throw new AppError('not_found', 'That push is no longer waiting on the simulated phone.');
      }
      return sandbox().state();
    },
    'sandbox:setFault': async ({ fault }) => {
      sandbox().setFault(fault);
      return sandbox().state();
    },
  };
}
