/**
 * The state changes of an enrollment, each written to the request log and pushed to the renderer: the
 * outcome of a code check, expiry, cancel, and the app closing. A final state is final.
 */
import type { AuditEvent } from '../../../contract/audit.js';
import type { EnrollmentView } from '../../../contract/domain.js';
import type { EnrollmentConfirmResult, EnrollmentOutcome, EnrollmentStart, Subject } from '../../providers/types.js';
import type { Clock } from '../clock.js';
import type { LogEntryEnd, LogEntryStart, RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { isLiveEnrollment, type LiveEnrollment } from './records.js';
import { cancelledOutcome, expiredOutcome, finalView } from './views.js';

interface StepDeps {
  log: RequestLog;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  limits: { lifetimeMs: number };
}

type Ending = 'cancelled' | 'expired' | 'interrupted';

const failedOutcome = (code: string, message: string): EnrollmentOutcome => ({
  status: 'failed',
  code,
  title: 'Enrollment failed',
  message: `${message} Nothing was stored.`,
  nextSteps: 'Ask the user to delete the account they may have added from the QR code, then try again.',
});

/** The state changes of enrollments, bound to the log, the event bus and the clock. */
export function createSteps(deps: StepDeps) {
  const iso = (): string => new Date(deps.clock.now()).toISOString();
  const safeLog = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
    }
  };
  const publish = (live: LiveEnrollment): void => deps.events.emit('enrollment:updated', { ...live.view });
  const auditChanged = (): void => deps.events.emit('audit:changed', { at: iso() });
  const detailOf = (outcome: EnrollmentOutcome): string => [outcome.message, outcome.detail].filter(Boolean).join(' — ');

  const entry = (view: Pick<EnrollmentView, 'sandbox' | 'profileId' | 'profileName' | 'providerKind' | 'reason' | 'ticket'>, subject: Subject, refs: Record<string, string>): Omit<LogEntryStart, 'action'> => ({
    target: subject.raw,
    targetCanonical: subject.canonical,
    sandbox: view.sandbox,
    profileId: view.profileId,
    profileName: view.profileName,
    providerKind: view.providerKind,
    reason: view.reason,
    ticket: view.ticket,
    refs: { ...refs },
  });

  const record = (live: LiveEnrollment, action: string, event: AuditEvent, end: LogEntryEnd): void => {
    safeLog(() => deps.log.record({ ...entry(live.view, live.subject, live.refs), action, event }, end));
    auditChanged();
  };

  /** Ends a live enrollment: the provider forgets the secret, the view loses its QR, and the log says why. */
  const end = async (live: LiveEnrollment, why: Ending): Promise<void> => {
    if (!isLiveEnrollment(live)) return;
    const session = live.session;
    live.session = null;
    live.controller.abort();
    const outcome = why === 'expired' ? expiredOutcome(Math.round(deps.limits.lifetimeMs / 60_000)) : cancelledOutcome;
    live.view = finalView(live.view, why === 'interrupted' ? { ...cancelledOutcome, code: 'interrupted', message: 'The app was closed before the first code was entered. Nothing was stored.' } : outcome, iso());
    publish(live);
    record(live, why === 'expired' ? 'enroll.expire' : 'enroll.cancel', 'authn_mfa_fail', { outcome: why, outcomeCode: live.view.code });
    await session?.cancel().catch(() => undefined);
  };

  const expireIfDue = (live: LiveEnrollment): boolean => {
    if (live.view.status !== 'awaiting_code' || deps.clock.now() < live.expiresAt) return false;
    void end(live, 'expired');
    return true;
  };

  return {
    safeLog,
    publish,
    auditChanged,
    detailOf,
    entry,
    record,
    end,
    expireIfDue,
    beginOrRefuse(start: LogEntryStart): string {
      try {
        return deps.log.begin(start);
      } catch (error) {
        // The audit gate's refusal already says why and what to do.
        if (error instanceof AppError) throw error;
        deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
        throw new AppError('audit_unavailable', 'The request log could not be written, so nothing was sent. Check that the disk is not full or read-only, then try again.');
      }
    },
    /** Why an unconfirmed enrollment must not stay open: the QR on screen is a live secret. */
    watchExpiry(live: LiveEnrollment): void {
      void deps.clock.sleep(Math.max(0, live.expiresAt - deps.clock.now()), live.controller.signal).then(
        () => {
          // A code being checked is answered first; the check's end looks at the expiry again.
          if (live.view.status === 'awaiting_code') void end(live, 'expired');
        },
        () => undefined,
      );
    },
    thrownAtStart(error: unknown): EnrollmentStart {
      deps.logger.log('error', 'enrollment_start_failed', { error: error instanceof Error ? error.name : 'unknown' });
      const known = error instanceof AppError;
      return { kind: 'final', outcome: failedOutcome(known ? error.code : 'internal_error', known ? error.message : 'The app could not prepare the enrollment.'), refs: {} };
    },
    thrownAtConfirm(error: unknown, aborted: boolean): EnrollmentConfirmResult {
      if (!aborted) deps.logger.log('error', 'enrollment_confirm_failed', { error: error instanceof Error ? error.name : 'unknown' });
      const known = error instanceof AppError;
      return { kind: 'final', outcome: failedOutcome(known ? error.code : 'internal_error', known ? error.message : 'The app could not check the code.') };
    },
    /** Applies the answer to one code: enrolled or failed (final), or another try. */
    applyConfirm(live: LiveEnrollment, logId: string, result: EnrollmentConfirmResult): void {
      if (live.view.status !== 'checking') return;
      if (result.kind === 'final') {
        Object.assign(live.refs, result.refs ?? {});
        const session = live.session;
        live.session = null;
        live.controller.abort();
        live.view = finalView(live.view, result.outcome, iso());
        safeLog(() => deps.log.finish(logId, { outcome: result.outcome.status, outcomeCode: result.outcome.code, detail: detailOf(result.outcome), refs: live.refs }));
        void session?.cancel().catch(() => undefined);
      } else {
        live.view = { ...live.view, status: 'awaiting_code', title: 'Code not accepted', message: result.message, attemptsLeft: result.attemptsLeft };
        safeLog(() => deps.log.finish(logId, { outcome: 'wrong_code', detail: [result.message, result.detail].filter(Boolean).join(' — ') }));
        if (expireIfDue(live)) return auditChanged();
      }
      publish(live);
      auditChanged();
    },
  };
}
