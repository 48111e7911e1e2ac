/** The enrollment views the renderer sees, and the plain words for each state. */
import type { EnrollmentView } from '../../../contract/domain.js';
import type { EnrollmentDisplay, EnrollmentOutcome } from '../../providers/types.js';
import { AUTHENTICATOR_PARAMETERS } from '../totp.js';

export interface ViewBase {
  id: string;
  profileId: string;
  profileName: string;
  providerKind: string;
  sandbox: boolean;
  subject: string;
  reason: string;
  ticket: string;
  startedAt: string;
}

const blank = {
  code: null,
  detail: null,
  qr: null,
  accountLabel: null,
  setupKeyAvailable: false,
  period: AUTHENTICATOR_PARAMETERS.period,
  digits: AUTHENTICATOR_PARAMETERS.digits,
  attemptsLeft: null,
  expiresAt: null,
  facts: [],
  notices: [],
  endedAt: null,
} as const;

export const SCAN_MESSAGE =
  'Ask the user to open Microsoft Authenticator, tap + (Add account), choose “Other account” and scan this QR code. ' +
  'Then ask them to read out the 6-digit code the app shows for the new account.';

/** A live enrollment waiting for the first code. */
export function awaitingView(base: ViewBase, display: EnrollmentDisplay, setupKeyAvailable: boolean, expiresAt: number): EnrollmentView {
  return {
    ...base,
    ...blank,
    status: 'awaiting_code',
    title: 'Scan the QR code, then enter the first code',
    message: SCAN_MESSAGE,
    nextSteps: null,
    qr: display.qr,
    accountLabel: display.accountLabel,
    setupKeyAvailable,
    attemptsLeft: display.attemptsLeft,
    expiresAt: new Date(expiresAt).toISOString(),
    facts: [...display.facts],
    notices: [...display.notices],
  };
}

/** A final view from a provider outcome (or the app's own ending); the QR is gone. */
export function finalView(
  view: EnrollmentView,
  outcome: Omit<EnrollmentOutcome, 'status'> & { status: EnrollmentView['status'] },
  endedAt: string,
): EnrollmentView {
  return {
    ...view,
    status: outcome.status,
    code: outcome.code,
    title: outcome.title,
    message: outcome.message,
    nextSteps: outcome.nextSteps,
    detail: outcome.detail ?? null,
    qr: null,
    setupKeyAvailable: false,
    attemptsLeft: outcome.status === 'enrolled' ? null : view.attemptsLeft,
    endedAt,
  };
}

/** A view that never got as far as a QR code. */
export function failedStartView(base: ViewBase, outcome: EnrollmentOutcome, endedAt: string, extra: { facts?: EnrollmentView['facts']; notices?: string[] } = {}): EnrollmentView {
  const view: EnrollmentView = { ...base, ...blank, status: 'failed', title: '', message: '', nextSteps: null, facts: extra.facts ?? [], notices: extra.notices ?? [] };
  return finalView(view, outcome, endedAt);
}

/** The app's own expiry of an unconfirmed enrollment. */
export const expiredOutcome = (minutes: number) => ({
  status: 'expired' as const,
  code: 'enrollment_expired',
  title: 'Enrollment expired',
  message: `No correct code was entered within ${minutes} minutes, so nothing was stored. The account the user may have added from the QR code will not work.`,
  nextSteps: 'Ask the user to delete that account from their app. Start a new enrollment if they are still on the line.',
});

export const cancelledOutcome = {
  status: 'cancelled' as const,
  code: 'cancelled',
  title: 'Enrollment cancelled',
  message: 'You cancelled the enrollment. Nothing was stored; the account the user may have added from the QR code will not work.',
  nextSteps: 'Ask the user to delete that account from their app.',
};
