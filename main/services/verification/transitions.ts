/**
 * State changes of a live verification. Each one updates the view, records the outcome in the request log,
 * and tells the renderer. A final state is final: later answers from the provider change nothing.
 */
import type { VerificationView } from '../../../contract/domain.js';
import { approvedNextSteps, MAYBE_SENT } from '../../providers/shared/outcomes.js';
import type { ProviderOutcome, ProviderProgress, StepResult } from '../../providers/types.js';
import type { Clock } from '../clock.js';
import type { LogEntryEnd, RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { VerificationLimits } from './limits.js';
import { isLive, type Live } from './live.js';
import type { OutcomePolicy } from './outcome-policy.js';

/** A provider outcome, or the agent's own cancel. */
export type FinalOutcome = Omit<ProviderOutcome, 'status'> & { status: ProviderOutcome['status'] | 'cancelled' };

export interface TransitionDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  limits: VerificationLimits;
  /** Assurance, tokens and locks; null only where a test drives the flow without a policy. */
  outcomes: OutcomePolicy | null;
}

export interface Transitions {
  finish(live: Live, outcome: FinalOutcome, refs?: Record<string, string>): void;
  apply(live: Live, step: StepResult): void;
  fail(live: Live, error: unknown): void;
  progress(live: Live, update: ProviderProgress): void;
  /** Ends the verification as timed out if it is still pending after `limits.pendingMs`. */
  watchDeadline(live: Live): void;
  publish(live: Live): void;
  auditChanged(): void;
  /** Runs a log write; a failure is logged, never thrown (the state change has already happened). */
  safeLog(write: () => void): void;
  /**
   * Records an outcome entry of `live`. When it cannot be written yet it is retried by the request log, and
   * the view says `recorded: false` until it lands (so an approval is never shown as a plain approval).
   */
  record(live: Live, logId: string, end: LogEntryEnd): void;
  /** A queued entry landed: the view may say `recorded` again. */
  landed(live: Live, logId: string): void;
  /** Set when the app is closing: failures after that are interruptions, not errors. */
  closing: { value: boolean };
}

export function createTransitions(deps: TransitionDeps): Transitions {
  const iso = (): string => new Date(deps.clock.now()).toISOString();
  const closing = { value: false };
  const safeLog = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
    }
  };
  const publish = (live: Live): void => deps.events.emit('verification:updated', { ...live.view });
  const record = (live: Live, logId: string, end: LogEntryEnd): void => {
    let written = false;
    try {
      written = deps.log.finish(logId, end);
    } catch (error) {
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
    }
    if (written) return;
    // Why: an outcome the log does not hold yet must not read as a plain result on the agent's screen.
    live.unrecorded.add(logId);
    live.view = { ...live.view, recorded: false };
  };
  const auditChanged = (): void => deps.events.emit('audit:changed', { at: iso() });

  const finish = (live: Live, provided: FinalOutcome, refs: Record<string, string> = {}): void => {
    if (!isLive(live)) return;
    Object.assign(live.refs, refs);
    live.view = { ...live.view, endedAt: iso() };
    // Why the policy judges the provider's approval: below the level this account needs it does not count.
    const { outcome, assurance } = deps.outcomes ? deps.outcomes.judge(live, provided) : { outcome: provided, assurance: null };
    live.view = {
      ...live.view,
      status: outcome.status,
      code: outcome.code,
      title: outcome.title,
      message: outcome.message,
      // What an approval allows is the app's to say, for the ticket it was made for; providers say nothing.
      nextSteps: outcome.status === 'approved' && !deps.outcomes ? approvedNextSteps(live.view.ticket, live.view.subject) : outcome.nextSteps,
      detail: outcome.detail ?? null,
      ambiguous: outcome.ambiguous === true,
      assurance,
    };
    live.challenge = null;
    live.controller.abort();
    const detail = [outcome.message, outcome.detail].filter(Boolean).join(' — ');
    const data = assurance
      ? { assurance: assurance.level, requiredAssurance: assurance.required, met: assurance.met, privileged: assurance.privileged, combinedWith: assurance.combinedWith }
      : null;
    record(live, live.logId, { outcome: outcome.status, outcomeCode: outcome.code, detail, refs: live.refs, data });
    deps.outcomes?.after(live, !live.unrecorded.has(live.logId));
    publish(live);
    auditChanged();
  };

  const expireCodeEntry = async (live: Live): Promise<void> => {
    const challenge = live.challenge;
    try {
      await deps.clock.sleep(deps.limits.codeEntryMs, live.controller.signal);
    } catch {
      return;
    }
    // Why: an unanswered challenge must not stay open forever; it ends as a timeout, never an approval.
    if (live.view.status === 'awaiting_code' && live.challenge === challenge) {
      finish(live, {
        status: 'timeout',
        code: 'code_not_entered',
        title: 'No code was entered in time',
        message: 'The code check waited for a code and none was entered. Nothing was approved.',
        nextSteps: 'Start a new verification if the caller is still on the line.',
      });
    }
  };

  return {
    finish,
    publish,
    auditChanged,
    safeLog,
    record,
    landed(live, logId) {
      if (!live.unrecorded.delete(logId) || live.unrecorded.size > 0) return;
      live.view = { ...live.view, recorded: true };
      // The token of an approval that counts is issued once its outcome is in the log.
      if (live.view.status === 'approved') deps.outcomes?.after(live, true);
      publish(live);
      auditChanged();
    },
    closing,
    apply(live, step) {
      if (!isLive(live)) return;
      if (step.kind === 'final') return finish(live, step.outcome, step.refs);
      Object.assign(live.refs, step.refs);
      live.challenge = step.challenge;
      live.view = {
        ...live.view,
        status: 'awaiting_code',
        title: 'Enter the code the caller reads out',
        message: step.message,
        otpAttemptsLeft: step.attemptsLeft,
        script: live.provider.script('otp'),
      };
      publish(live);
      void expireCodeEntry(live);
    },
    fail(live, error) {
      if (closing.value || !isLive(live)) return;
      deps.logger.log('error', 'verification_failed', { verification: live.view.id, error: error instanceof Error ? error.name : 'unknown' });
      // An AppError (e.g. keychain locked) carries a message meant for the operator; anything else does not.
      const known = error instanceof AppError;
      finish(live, {
        status: 'error',
        code: known ? error.code : 'internal_error',
        title: 'The app could not complete the verification',
        message: `${known ? error.message : 'The app could not complete the verification.'} Nothing was approved.`,
        nextSteps: 'Do not proceed. Fix the problem and try again, or verify the caller another way.',
      });
    },
    progress(live, update) {
      if (live.view.status !== 'pending') return;
      const current = live.view.progress;
      live.view = {
        ...live.view,
        progress: {
          bindingMessage: update.bindingMessage !== undefined ? update.bindingMessage : current.bindingMessage,
          delivered: update.delivered ?? current.delivered,
          polls: update.polls ?? current.polls,
          note: update.note !== undefined ? update.note : current.note,
        },
      };
      publish(live);
    },
    watchDeadline(live) {
      void deps.clock.sleep(deps.limits.pendingMs, live.controller.signal).then(
        () => {
          // Only the wait for the provider's answer; a code check has its own limit (codeEntryMs).
          if (live.view.status !== 'pending' || live.view.otpAttemptsLeft !== null) return;
          const seconds = Math.round(deps.limits.pendingMs / 1000);
          // Why: no provider, however it misbehaves, may keep an agent waiting past this.
          finish(live, {
            status: 'timeout',
            code: 'app_deadline',
            title: 'The app stopped waiting for an answer',
            message: `No final answer arrived within ${seconds} seconds. Nothing was approved. The request may already have reached the account holder’s phone.`,
            nextSteps: MAYBE_SENT,
            ambiguous: true,
          });
        },
        () => undefined,
      );
    },
  };
}

export type { VerificationView };
