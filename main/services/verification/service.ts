/**
 * Caller verification: the provider-neutral flow. Checks the account with the provider's own rule, applies
 * the limits, logs each request before it reaches the provider, sends exactly one push per start, never
 * retries, and only ever reports `approved` when the provider produced an approved outcome.
 */
import { randomUUID } from 'node:crypto';
import type { VerificationDecision, VerificationMode, VerificationView } from '../../../contract/domain.js';
import type { StepResult } from '../../providers/types.js';
import type { Clock } from '../clock.js';
import type { LogEntryStart, RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { ResolvedProfile } from '../profiles.js';
import { checkLimits, defaultLimits, type VerificationLimits } from './limits.js';
import { createLiveRecords, isLive, type Live } from './live.js';
import type { MethodFacts } from './method-facts.js';
import { createRecorder } from './recorder.js';
import { createTransitions } from './transitions.js';

export { defaultLimits, type VerificationLimits };

export interface VerificationDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  resolve(profileId: string): ResolvedProfile | null;
  limits?: Partial<VerificationLimits>;
  /** What recent methods lookups showed; a mode they show cannot work is refused before anything is sent. */
  methodFacts?: MethodFacts;
}

export interface StartInput {
  profileId: string;
  subject: string;
  reason: string;
  ticket: string;
  mode: VerificationMode;
}

export interface VerificationService {
  start(input: StartInput): VerificationView;
  submitCode(id: string, code: string): Promise<VerificationView>;
  cancel(id: string): VerificationView;
  /** Records what the agent did after an outcome that is not an approval (once per decision). */
  record(id: string, decision: VerificationDecision): VerificationView;
  list(): VerificationView[];
  close(): void;
}

/** Resolves a profile and checks the account with its provider's rule; throws an AppError naming the field. */
export function resolveSubject(resolve: VerificationDeps['resolve'], profileId: string, raw: string) {
  const resolved = resolve(profileId);
  if (!resolved) throw new AppError('not_found', 'The selected provider profile no longer exists.');
  const checked = resolved.checkSubject(raw);
  if (!checked.ok) throw new AppError('bad_request', `subject: ${checked.message}`);
  return { resolved, subject: { raw: raw.trim(), canonical: checked.canonical } };
}

export function createVerificationService(deps: VerificationDeps): VerificationService {
  const limits = { ...defaultLimits, ...deps.limits };
  const records = createLiveRecords();
  const t = createTransitions({ log: deps.log, events: deps.events, clock: deps.clock, logger: deps.logger, limits });
  const iso = (): string => new Date(deps.clock.now()).toISOString();
  const recorder = createRecorder({ log: deps.log, clock: deps.clock, logger: deps.logger, transitions: t });

  // Entries that could not be written at first and have now landed: their verification may say so.
  deps.log.onRecorded((logId) => {
    for (const live of records.all()) if (live.unrecorded.has(logId)) t.landed(live, logId);
  });

  const beginOrRefuse = (entry: LogEntryStart): string => {
    try {
      return deps.log.begin(entry);
    } catch (error) {
      // The audit gate's refusal already says why and what to do.
      if (error instanceof AppError) throw error;
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
      throw new AppError('audit_unavailable', 'The request log could not be written, so nothing was sent. Check that the disk is not full or read-only, then try again.');
    }
  };

  return {
    start(input) {
      const { resolved, subject } = resolveSubject(deps.resolve, input.profileId, input.subject);
      const capabilities = resolved.capabilities;
      if (input.mode === 'push' && !capabilities.push) throw new AppError('bad_request', 'This profile cannot send a push. Use code read-back.');
      if (input.mode === 'otp' && !capabilities.code) throw new AppError('bad_request', 'This profile cannot check a read-back code. Send a push.');
      // Why: a push the methods lookup shows cannot arrive would only fail at the provider, and still count
      // against the account's limits; refused here, it writes no row and counts nothing.
      const cannot = capabilities.methods ? (deps.methodFacts?.refusal(resolved.profile.id, subject, input.mode) ?? null) : null;
      if (cannot) throw new AppError('bad_request', cannot);
      if (records.liveFor(subject)) {
        throw new AppError('conflict', `A verification of ${subject.raw} is already in progress. Wait for it or cancel it.`);
      }
      const profile = resolved.profile;
      try {
        checkLimits(limits, deps.log, deps.clock.now(), subject);
      } catch (error) {
        deps.log.append({
          event: 'excess_rate_limit_exceeded',
          action: `verify.${input.mode}`,
          outcome: 'refused',
          reasonCode: 'rate_limited',
          target: subject.raw,
          targetCanonical: subject.canonical,
          profileId: profile.id,
          profileName: profile.displayName,
          provider: profile.kind,
          endpointHost: resolved.endpointHost ?? null,
          method: input.mode,
          reason: input.reason,
          ticket: input.ticket,
          sandbox: resolved.sandbox,
          detail: error instanceof Error ? error.message : null,
        });
        throw error;
      }
      const contextId = randomUUID();
      const refs = { contextId };
      // Written before anything is sent, so a crash mid-request still leaves a row (closed as interrupted);
      // if it cannot be written, nothing is sent.
      const logId = beginOrRefuse({
        action: `verify.${input.mode}`,
        target: subject.raw,
        targetCanonical: subject.canonical,
        sandbox: resolved.sandbox,
        profileId: profile.id,
        profileName: profile.displayName,
        providerKind: profile.kind,
        endpointHost: resolved.endpointHost ?? null,
        method: input.mode,
        reason: input.reason,
        ticket: input.ticket,
        refs,
      });
      const live: Live = {
        subject,
        provider: resolved.provider,
        controller: new AbortController(),
        logId,
        challenge: null,
        refs: { ...refs },
        unrecorded: new Set(),
        view: {
          id: randomUUID(),
          profileId: profile.id,
          profileName: profile.displayName,
          providerKind: profile.kind,
          sandbox: resolved.sandbox,
          subject: subject.raw,
          reason: input.reason,
          ticket: input.ticket,
          mode: input.mode,
          status: 'pending',
          code: null,
          title: input.mode === 'push' ? 'Waiting for the account holder to respond' : 'Starting a code check',
          message:
            input.mode === 'push'
              ? `A push is being sent to ${subject.raw}. Waiting for the answer.`
              : `Asking the provider to start a code check for ${subject.raw}.`,
          nextSteps: null,
          script: resolved.provider.script(input.mode),
          progress: { bindingMessage: null, delivered: false, polls: 0, note: null },
          detail: null,
          ambiguous: false,
          otpAttemptsLeft: null,
          decisions: { do_not_proceed: null, escalated: null },
          recorded: true,
          contextId,
          startedAt: iso(),
          endedAt: null,
        },
      };
      records.add(live);
      t.auditChanged();
      t.watchDeadline(live);
      resolved.provider
        .start({
          subject,
          contextId,
          mode: input.mode,
          signal: live.controller.signal,
          onRefs: (more) => Object.assign(live.refs, more),
          onProgress: (update) => t.progress(live, update),
        })
        .then((step) => t.apply(live, step))
        .catch((error: unknown) => t.fail(live, error));
      return { ...live.view };
    },

    async submitCode(id, code) {
      const live = records.get(id);
      if (live.view.status !== 'awaiting_code') {
        throw new AppError('conflict', 'This verification is not waiting for a code.');
      }
      const codeLogId = beginOrRefuse({
        action: 'verify.code',
        target: live.subject.raw,
        targetCanonical: live.subject.canonical,
        sandbox: live.view.sandbox,
        profileId: live.view.profileId,
        profileName: live.view.profileName,
        providerKind: live.view.providerKind,
        method: 'code',
        reason: live.view.reason,
        ticket: live.view.ticket,
        refs: { ...live.refs },
      });
      const challenge = live.challenge;
      live.challenge = null;
      live.view = { ...live.view, status: 'pending', title: 'Checking the code', message: 'Checking the code with the provider.' };
      t.publish(live);
      let step: StepResult;
      try {
        step = await live.provider.submitCode({
          subject: live.subject,
          contextId: live.view.contextId,
          challenge,
          code,
          signal: live.controller.signal,
        });
      } catch (error) {
        // Cancelled (or the app closing) while the code was checked: the row says so, not "error".
        const stopped = live.controller.signal.aborted;
        t.record(
          live,
          codeLogId,
          stopped ? { outcome: t.closing.value ? 'interrupted' : live.view.status } : { outcome: 'error', outcomeCode: 'internal_error' },
        );
        if (!stopped) t.fail(live, error);
        return { ...live.view };
      }
      t.record(
        live,
        codeLogId,
        step.kind === 'final'
          ? { outcome: step.outcome.status, outcomeCode: step.outcome.code, detail: step.outcome.message }
          : { outcome: 'wrong_code', detail: step.message },
      );
      if (step.kind === 'final' && step.outcome.status === 'locked_out') {
        // A lock-out is a security event of its own: someone may be guessing codes for this account.
        t.safeLog(() =>
          deps.log.record(
            {
              action: 'verify.lockout',
              event: 'authn_mfa_fail',
              target: live.subject.raw,
              targetCanonical: live.subject.canonical,
              sandbox: live.view.sandbox,
              profileId: live.view.profileId,
              profileName: live.view.profileName,
              providerKind: live.view.providerKind,
              reason: live.view.reason,
              ticket: live.view.ticket,
              refs: { ...live.refs },
            },
            { outcome: 'locked_out', outcomeCode: step.outcome.code, detail: [step.outcome.message, step.outcome.detail].filter(Boolean).join(' — ') },
          ),
        );
      }
      if (step.kind === 'challenge') t.auditChanged();
      t.apply(live, step);
      return { ...live.view };
    },

    cancel(id) {
      const live = records.get(id);
      if (!isLive(live)) return { ...live.view };
      t.finish(live, {
        status: 'cancelled',
        code: 'cancelled',
        title: 'You cancelled the verification',
        message: 'You cancelled the verification. Nothing was approved; a late answer from the phone will not count.',
        nextSteps: null,
      });
      return { ...live.view };
    },

    record: (id, decision) => recorder.record(records.get(id), decision),

    list: () => records.all().map((live) => ({ ...live.view })).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),

    close() {
      t.closing.value = true;
      for (const live of records.all()) {
        if (isLive(live)) {
          t.safeLog(() => deps.log.finish(live.logId, { outcome: 'interrupted', detail: 'The app was closed before an answer arrived.' }));
        }
        live.controller.abort();
      }
    },
  };
}
