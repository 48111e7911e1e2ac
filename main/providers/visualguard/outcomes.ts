/** Enrollment outcomes of the VisualGuard provider. `enrolled` comes from exactly one function (validate.ts). */
import type { EnrollmentOutcome, ProviderOutcome } from '../types.js';

const START_OVER = 'Start a new enrollment. If it fails again, report it to your VisualGuard administrator.';

/** A shared transport or parsing outcome, as an enrollment failure. Nothing was enrolled. */
export function fromProviderOutcome(outcome: ProviderOutcome): EnrollmentOutcome {
  return {
    status: 'failed',
    code: outcome.code,
    title: outcome.title,
    message: outcome.message.includes('Nothing') ? outcome.message : `${outcome.message} Nothing was enrolled.`,
    nextSteps: outcome.nextSteps,
    detail: outcome.detail ?? null,
  };
}

/** An enrollment that did not happen, with its reason and the next step. */
export function failed(code: string, title: string, message: string, nextSteps: string | null = START_OVER, detail: string | null = null): EnrollmentOutcome {
  return { status: 'failed', code, title, message, nextSteps, detail };
}

/** A state flag stopped the sign-in: the flag's own sentence is the message. */
export function blockedOutcome(code: string, message: string, detail: string | null): EnrollmentOutcome {
  const locked = code === 'account_locked' || code === 'account_locked_out';
  return {
    status: locked ? 'locked_out' : 'failed',
    code,
    title: locked ? 'Account locked in VisualGuard' : 'VisualGuard did not sign the user in',
    message: `${message} No enrollment was offered.`,
    nextSteps: locked
      ? 'Unlock the account in VisualGuard (or wait for the lock-out to end) only after verifying the caller, then start again.'
      : code === 'credential_invalid'
        ? 'Check the user name and the password, then start again. Repeated failures can lock the account.'
        : 'Fix the account in VisualGuard, or verify the caller another way.',
    detail,
  };
}

/** VisualGuard no longer accepts a code for the request. */
export function expiredOutcome(detail: string | null): EnrollmentOutcome {
  return {
    status: 'expired',
    code: 'request_expired',
    title: 'Enrollment expired in VisualGuard',
    message: 'VisualGuard no longer accepts a code for this enrollment request. Nothing was enrolled.',
    nextSteps: 'Ask the user to delete the account they added from the QR code, then start a new enrollment.',
    detail,
  };
}

export { START_OVER };
