/**
 * Caller verification: the provider-neutral state machine. Logs each request before it reaches the
 * provider, sends exactly one push per start, never retries, applies push-bombing limits, and only ever
 * reports `approved` when the provider produced an approved outcome.
 */
import { randomUUID } from 'node:crypto';
import type { VerificationMode, VerificationView } from '../../contract/domain.js';
import type { ProviderOutcome, StepResult, VerificationProvider } from '../providers/types.js';
import { AppError } from '../ipc/dispatch.js';
import type { Clock } from './clock.js';
import type { RequestLog } from './db/request-log.js';
import type { EventBus } from './events.js';
import type { Logger } from './log.js';

export interface ResolvedProfile {
  id: string;
  displayName: string;
  kind: string;
  provider: VerificationProvider;
}

export interface VerificationLimits {
  /** Window for the counts below. */
  windowMs: number;
  /** Verifications of one target account per window (push-bombing protection). */
  perTarget: number;
  /** Verifications started by this operator per window. */
  perOperator: number;
  /** How long a code challenge waits for the agent to type the caller's code. */
  codeEntryMs: number;
}

export const defaultLimits: VerificationLimits = {
  windowMs: 10 * 60_000,
  perTarget: 3,
  perOperator: 30,
  codeEntryMs: 5 * 60_000,
};

export interface VerificationDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  resolve(profileId: string): ResolvedProfile | null;
  limits?: Partial<VerificationLimits>;
}

export interface StartInput {
  profileId: string;
  upn: string;
  reason: string;
  ticket: string;
  mode: VerificationMode;
}

interface Live {
  view: VerificationView;
  provider: VerificationProvider;
  controller: AbortController;
  logId: string;
  challenge: unknown;
  refs: Record<string, string>;
}

export interface VerificationService {
  start(input: StartInput): VerificationView;
  submitCode(id: string, code: string): Promise<VerificationView>;
  cancel(id: string): VerificationView;
  list(): VerificationView[];
  close(): void;
}

const KEEP = 100;

/** A provider outcome, or the agent's own cancel. */
type FinalOutcome = Omit<ProviderOutcome, 'status'> & { status: ProviderOutcome['status'] | 'cancelled' };

export function createVerificationService(deps: VerificationDeps): VerificationService {
  const limits = { ...defaultLimits, ...deps.limits };
  const records = new Map<string, Live>();
  let closing = false;
  const iso = (): string => new Date(deps.clock.now()).toISOString();
  /** Why: a failed audit write (disk full, read-only file) must not leave a view half-updated or crash the app. */
  const safeLog = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
    }
  };
  const publish = (live: Live): void => deps.events.emit('verification:updated', { ...live.view });
  const auditChanged = (): void => deps.events.emit('audit:changed', { at: iso() });
  const isLive = (live: Live): boolean => live.view.status === 'pending' || live.view.status === 'awaiting_code';

  const finish = (live: Live, outcome: FinalOutcome, refs: Record<string, string>): void => {
    if (!isLive(live)) return;
    Object.assign(live.refs, refs);
    live.view = {
      ...live.view,
      status: outcome.status,
      code: outcome.code,
      title: outcome.title,
      message: outcome.message,
      nextSteps: outcome.nextSteps,
      endedAt: iso(),
    };
    live.challenge = null;
    live.controller.abort();
    safeLog(() =>
      deps.log.finish(live.logId, { outcome: outcome.status, outcomeCode: outcome.code, detail: outcome.message, refs: live.refs }),
    );
    publish(live);
    auditChanged();
  };

  const apply = (live: Live, step: StepResult): void => {
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
  };

  const fail = (live: Live, error: unknown): void => {
    if (closing || !isLive(live)) return;
    deps.logger.log('error', 'verification_failed', {
      verification: live.view.id,
      error: error instanceof Error ? error.name : 'unknown',
    });
    // An AppError (e.g. keychain locked) carries a message meant for the operator; anything else does not.
    const known = error instanceof AppError;
    finish(
      live,
      {
        status: 'error',
        code: known ? error.code : 'internal_error',
        title: 'Verification failed',
        message: `${known ? error.message : 'The app could not complete the verification.'} Nothing was approved.`,
        nextSteps: 'Do not proceed. Fix the problem and try again, or verify the caller another way.',
      },
      {},
    );
  };

  /** Why: an unanswered challenge must not stay open forever; it ends as a timeout, never an approval. */
  const expireCodeEntry = async (live: Live): Promise<void> => {
    const challenge = live.challenge;
    try {
      await deps.clock.sleep(limits.codeEntryMs, live.controller.signal);
    } catch {
      return;
    }
    if (live.view.status === 'awaiting_code' && live.challenge === challenge) {
      finish(
        live,
        {
          status: 'timeout',
          code: 'code_not_entered',
          title: 'Timed out',
          message: 'No code was entered in time. Nothing was approved.',
          nextSteps: 'Start a new verification if the caller is still on the line.',
        },
        {},
      );
    }
  };

  const checkLimits = (upn: string): void => {
    const target = upn.toLowerCase();
    for (const live of records.values()) {
      if (isLive(live) && live.view.upn.toLowerCase() === target) {
        throw new AppError('conflict', `A verification of ${upn} is already in progress. Wait for it or cancel it.`);
      }
    }
    const minutes = Math.round(limits.windowMs / 60_000);
    // Counted from the request log, so a restart does not reset them.
    const recent = deps.log.recentVerifications(upn, new Date(deps.clock.now() - limits.windowMs).toISOString());
    if (recent.forTarget >= limits.perTarget) {
      throw new AppError(
        'rate_limited',
        `${upn} was already sent ${limits.perTarget} verifications in the last ${minutes} minutes. ` +
          'Wait before sending another: repeated pushes are how push-bombing works.',
      );
    }
    if (recent.byOperator >= limits.perOperator) {
      throw new AppError('rate_limited', `You started ${limits.perOperator} verifications in ${minutes} minutes. Wait a while.`);
    }
  };

  const beginOrRefuse = (entry: Parameters<RequestLog['begin']>[0]): string => {
    try {
      return deps.log.begin(entry);
    } catch (error) {
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
      throw new AppError('internal', 'The request log could not be written, so nothing was sent. Check the disk and try again.');
    }
  };

  const remember = (live: Live): void => {
    records.set(live.view.id, live);
    if (records.size <= KEEP) return;
    for (const [id, old] of records) {
      if (records.size <= KEEP) break;
      if (!isLive(old)) records.delete(id);
    }
  };

  const get = (id: string): Live => {
    const live = records.get(id);
    if (!live) throw new AppError('not_found', 'No such verification. It may have been cleared.');
    return live;
  };

  return {
    start(input) {
      const resolved = deps.resolve(input.profileId);
      if (!resolved) throw new AppError('not_found', 'The selected provider profile no longer exists.');
      checkLimits(input.upn);
      const contextId = randomUUID();
      const refs = { contextId };
      // Written before anything is sent, so a crash mid-request still leaves a row (closed as interrupted);
      // if it cannot be written, nothing is sent.
      const logId = beginOrRefuse({
        action: `verify.${input.mode}`,
        target: input.upn,
        profileId: resolved.id,
        profileName: resolved.displayName,
        providerKind: resolved.kind,
        reason: input.reason,
        ticket: input.ticket,
        refs,
      });
      const live: Live = {
        provider: resolved.provider,
        controller: new AbortController(),
        logId,
        challenge: null,
        refs: { ...refs },
        view: {
          id: randomUUID(),
          profileId: resolved.id,
          profileName: resolved.displayName,
          upn: input.upn,
          reason: input.reason,
          ticket: input.ticket,
          mode: input.mode,
          status: 'pending',
          code: null,
          title: input.mode === 'push' ? 'Waiting for the caller to respond' : 'Starting a code check',
          message:
            input.mode === 'push'
              ? `A push was sent to ${input.upn}. Waiting for the answer.`
              : `Asking the provider to start a code check for ${input.upn}.`,
          nextSteps: null,
          script: resolved.provider.script(input.mode),
          otpAttemptsLeft: null,
          contextId,
          startedAt: iso(),
          endedAt: null,
        },
      };
      remember(live);
      auditChanged();
      resolved.provider
        .start({
          upn: input.upn,
          contextId,
          mode: input.mode,
          signal: live.controller.signal,
          onRefs: (more) => Object.assign(live.refs, more),
        })
        .then((step) => apply(live, step))
        .catch((error: unknown) => fail(live, error));
      return { ...live.view };
    },

    async submitCode(id, code) {
      const live = get(id);
      if (live.view.status !== 'awaiting_code') {
        throw new AppError('conflict', 'This verification is not waiting for a code.');
      }
      const codeLogId = beginOrRefuse({
        action: 'verify.code',
        target: live.view.upn,
        profileId: live.view.profileId,
        profileName: live.view.profileName,
        reason: live.view.reason,
        ticket: live.view.ticket,
        refs: { ...live.refs },
      });
      const challenge = live.challenge;
      live.challenge = null;
      live.view = { ...live.view, status: 'pending', title: 'Checking the code', message: 'Checking the code with the provider.' };
      publish(live);
      let step: StepResult;
      try {
        step = await live.provider.submitCode({
          upn: live.view.upn,
          contextId: live.view.contextId,
          challenge,
          code,
          signal: live.controller.signal,
        });
      } catch (error) {
        // Cancelled (or the app closing) while the code was checked: the row says so, not "error".
        const stopped = live.controller.signal.aborted;
        safeLog(() => deps.log.finish(codeLogId, stopped ? { outcome: closing ? 'interrupted' : live.view.status } : { outcome: 'error', outcomeCode: 'internal_error' }));
        if (!stopped) fail(live, error);
        return { ...live.view };
      }
      safeLog(() =>
        deps.log.finish(
          codeLogId,
          step.kind === 'final'
            ? { outcome: step.outcome.status, outcomeCode: step.outcome.code, detail: step.outcome.message }
            : { outcome: 'wrong_code', detail: step.message },
        ),
      );
      if (step.kind === 'challenge') auditChanged();
      apply(live, step);
      return { ...live.view };
    },

    cancel(id) {
      const live = get(id);
      if (!isLive(live)) return { ...live.view };
      finish(
        live,
        {
          status: 'cancelled',
          code: 'cancelled',
          title: 'Cancelled',
          message: 'You cancelled the verification. Nothing was approved; a late answer from the caller will not count.',
          nextSteps: null,
        },
        {},
      );
      return { ...live.view };
    },

    list: () =>
      [...records.values()].map((live) => ({ ...live.view })).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),

    close() {
      closing = true;
      for (const live of records.values()) {
        if (isLive(live)) {
          safeLog(() => deps.log.finish(live.logId, { outcome: 'interrupted', detail: 'The app was closed before an answer arrived.' }));
        }
        live.controller.abort();
      }
    },
  };
}
