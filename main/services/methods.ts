/**
 * Registered-methods lookup before a verification: checks the account with the provider's rule, records the
 * lookup in the request log (it reaches the provider), and answers the masked methods.
 */
import type { MethodsView } from '../../contract/domain.js';
import type { MethodsResult } from '../providers/types.js';
import type { RequestLog } from './db/request-log.js';
import { AppError } from './errors.js';
import type { ResolvedProfile } from './profiles.js';
import { resolveSubject } from './verification/service.js';

/** Longer than the providers' own token and request timeouts, so those answer first with their reason. */
const METHODS_DEADLINE_MS = 75_000;

export interface MethodsService {
  lookup(profileId: string, subject: string): Promise<MethodsView>;
}

export function createMethodsService(deps: {
  log: RequestLog;
  resolve(profileId: string): ResolvedProfile | null;
  onAuditChange(): void;
}): MethodsService {
  return {
    async lookup(profileId, raw) {
      const { resolved, subject } = resolveSubject(deps.resolve, profileId, raw);
      if (!resolved.capabilities.methods) {
        throw new AppError('bad_request', 'This provider cannot list an account’s methods; send the verification directly.');
      }
      const profile = resolved.profile;
      const logId = deps.log.begin({
        action: 'verify.methods',
        target: subject.raw,
        targetCanonical: subject.canonical,
        sandbox: resolved.sandbox,
        profileId,
        profileName: profile.displayName,
        providerKind: profile.kind,
        endpointHost: resolved.endpointHost ?? null,
      });
      let result: MethodsResult;
      try {
        result = await resolved.provider.listMethods(subject, AbortSignal.timeout(METHODS_DEADLINE_MS));
      } catch {
        result = { ok: false, code: 'timeout', message: 'The identity provider did not answer in time. Try again.' };
      }
      deps.log.finish(
        logId,
        result.ok
          ? { outcome: 'success', detail: `${result.methods.length} methods` }
          : { outcome: 'failure', outcomeCode: result.code, detail: [result.message, result.detail].filter(Boolean).join(' — ') },
      );
      deps.onAuditChange();
      if (!result.ok) throw new AppError('provider_error', result.message);
      return { subject: subject.raw, methods: result.methods };
    },
  };
}
