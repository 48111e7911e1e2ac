/**
 * Registered-methods lookup before a verification: checks the account with the provider's rule, records the
 * lookup in the request log (it reaches the provider), and answers the masked methods.
 */
import type { MethodsView } from '../../contract/domain.js';
import type { MethodsResult } from '../providers/types.js';
import type { LogEntryStart, RequestLog } from './db/request-log.js';
import { AppError } from './errors.js';
import type { Logger } from './log.js';
import type { PolicyServices } from './policy/index.js';
import type { ResolvedProfile } from './profiles.js';
import type { MethodFacts } from './verification/method-facts.js';
import { resolveSubject } from './verification/service.js';

/** Longer than the providers' own token and request timeouts, so those answer first with their reason. */
const METHODS_DEADLINE_MS = 75_000;

export interface MethodsService {
  lookup(profileId: string, subject: string): Promise<MethodsView>;
}

export interface MethodsDeps {
  log: RequestLog;
  logger: Logger;
  resolve(profileId: string): ResolvedProfile | null;
  onAuditChange(): void;
  /** Where lookups are remembered, so the verification service can refuse what they show cannot work. */
  facts?: MethodFacts;
  /** Lookup limits and allowed profiles (a lookup reveals an account's methods: it is rationed too). */
  policy: PolicyServices;
  operator: () => string;
}

/** Writes the lookup's row before it is sent; if the log cannot be written, nothing is sent. */
function beginOrRefuse(deps: MethodsDeps, entry: LogEntryStart): string {
  try {
    return deps.log.begin(entry);
  } catch (error) {
    // The audit gate's refusal already says why and what to do.
    if (error instanceof AppError) throw error;
    deps.logger.log('error', 'audit_write_failed', { step: 'begin', error: error instanceof Error ? error.name : 'unknown' });
    throw new AppError('audit_unavailable', 'The request log could not be written, so nothing was sent. Check that the disk is not full or read-only, then try again.');
  }
}

export function createMethodsService(deps: MethodsDeps): MethodsService {
  return {
    async lookup(profileId, raw) {
      const { resolved, subject } = resolveSubject(deps.resolve, profileId, raw);
      if (!resolved.capabilities.methods) {
        throw new AppError('bad_request', 'This provider cannot list an account’s methods; send the verification directly.');
      }
      const profile = resolved.profile;
      deps.policy.engine.admitLookup({
        profile: { id: profile.id, displayName: profile.displayName, kind: profile.kind, sandbox: resolved.sandbox, endpointHost: resolved.endpointHost ?? null },
        subject,
        operator: deps.operator(),
      });
      const logId = beginOrRefuse(deps, {
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
      try {
        deps.log.finish(
          logId,
          result.ok
            ? { outcome: 'success', detail: `${result.methods.length} methods` }
            : { outcome: 'failure', outcomeCode: result.code, detail: [result.message, result.detail].filter(Boolean).join(' — ') },
        );
      } catch (error) {
        // As for a verification: the lookup did happen, so its answer is shown; the row stays pending and the
        // next start marks it interrupted.
        deps.logger.log('error', 'audit_write_failed', { step: 'finish', error: error instanceof Error ? error.name : 'unknown' });
      }
      deps.onAuditChange();
      if (!result.ok) {
        deps.facts?.forget(profileId, subject.canonical);
        throw new AppError('provider_error', result.message);
      }
      deps.facts?.remember(profileId, subject.canonical, result.methods);
      return { subject: subject.raw, methods: result.methods };
    },
  };
}
