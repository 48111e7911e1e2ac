/**
 * Push-bombing limits, checked before anything is sent: one live verification per account, and counts per
 * account and per operator over a window, taken from the request log so a restart does not reset them.
 */
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';

export interface VerificationLimits {
  /** Window for the counts below. */
  windowMs: number;
  /** Verifications of one target account per window (push-bombing protection). */
  perTarget: number;
  /** Verifications started by this operator per window. */
  perOperator: number;
  /** How long a code challenge waits for the agent to type the caller's code. */
  codeEntryMs: number;
  /** Hard limit on a pending verification, whatever the provider does: it then ends as timed out. */
  pendingMs: number;
}

export const defaultLimits: VerificationLimits = {
  windowMs: 10 * 60_000,
  perTarget: 3,
  perOperator: 30,
  codeEntryMs: 5 * 60_000,
  pendingMs: 330_000,
};

/** Throws a rate_limited AppError (with the reason for the agent) when a new verification is not allowed. */
export function checkLimits(
  limits: VerificationLimits,
  log: RequestLog,
  now: number,
  subject: { raw: string; canonical: string },
): void {
  const minutes = Math.round(limits.windowMs / 60_000);
  const recent = log.recentVerifications(subject.canonical, new Date(now - limits.windowMs).toISOString());
  if (recent.forTarget >= limits.perTarget) {
    throw new AppError(
      'rate_limited',
      `${subject.raw} was already sent ${limits.perTarget} verifications in the last ${minutes} minutes. ` +
        'Wait before sending another: repeated pushes are how push-bombing works.',
    );
  }
  if (recent.byOperator >= limits.perOperator) {
    throw new AppError('rate_limited', `You started ${limits.perOperator} verifications in ${minutes} minutes. Wait a while.`);
  }
}
