/**
 * Enrollment in the app's own authenticator: a 160-bit secret from the OS random source, the otpauth URI
 * Microsoft Authenticator reads (SHA1, 6 digits, 30 s), drawn as a QR in main. The secret stays in this
 * session's memory until the first code confirms it; only then is it written to the keychain.
 */
import { apptotpContract } from '../../../contract/providers/apptotp.js';
import { qrPngDataUrl } from '../../services/qr.js';
import { keyUri, matchStep, newSecret, toBase32 } from '../../services/totp.js';
import type { EnrollmentConfirmResult, EnrollmentOutcome, EnrollmentSession, EnrollmentStart, EnrollmentStartRequest } from '../types.js';
import { readAccount, writeAccount } from './accounts.js';
import { STEP_WINDOW, type ApptotpContext } from './context.js';

/** How long the QR is offered before the enrollment ends by itself. */
export const ENROLLMENT_LIFETIME_MS = 10 * 60_000;
/** Wrong first codes before the enrollment ends (a new one can be started). */
export const ENROLLMENT_ATTEMPTS = 5;

const failed = (code: string, title: string, message: string, nextSteps: string | null): EnrollmentOutcome => ({ status: 'failed', code, title, message, nextSteps });

/** The one place this provider reports an enrollment as done: after the first code matched and the secret was stored. */
function enrolled(issuer: string): EnrollmentOutcome {
  return {
    status: 'enrolled',
    code: 'enrolled',
    title: 'Authenticator enrolled',
    message: `The first code matched and the account is stored. From now on the app under “${issuer}” proves this account.`,
    nextSteps: 'Tell the user to keep the account in their authenticator app. Next time they call, you will ask them to read out the code it shows.',
  };
}

/** Prepares an enrollment: a new secret, its QR code, and the session that confirms it. */
export async function startEnrollment(ctx: ApptotpContext, request: EnrollmentStartRequest): Promise<EnrollmentStart> {
  const refs = { enrollmentId: request.enrollmentId };
  const accounts = ctx.accounts;
  if (!accounts) return { kind: 'final', outcome: failed('no_account_storage', 'Not available', 'This copy of the app cannot store enrolled accounts.', 'Report this to your administrator.'), refs };
  const checked = apptotpContract.checkSubject(ctx.settings, request.subject.canonical);
  if (!checked.ok) return { kind: 'final', outcome: failed('invalid_subject', 'Account not valid', `The account ${checked.message}.`, null), refs };
  const account = checked.canonical;
  const now = ctx.deps.clock.now();
  const existing = readAccount(accounts, account, now);
  const secret = newSecret();
  const label = request.subject.raw.trim();
  const qr = await qrPngDataUrl(keyUri(ctx.settings.issuer, label, secret));
  const expiresAt = now + ENROLLMENT_LIFETIME_MS;
  let wrong = 0;
  let open = true;
  const close = (): void => {
    open = false;
    secret.fill(0);
  };

  const session: EnrollmentSession = {
    setupKey: () => (open ? toBase32(secret) : null),
    async confirm(code): Promise<EnrollmentConfirmResult> {
      if (!open) return { kind: 'final', outcome: failed('enrollment_closed', 'Enrollment ended', 'This enrollment has already ended.', 'Start a new enrollment.') };
      // Why here too: the display promises the QR stops counting at expiresAt, whoever drives the session.
      if (ctx.deps.clock.now() >= expiresAt) {
        close();
        return { kind: 'final', outcome: { ...failed('enrollment_expired', 'Not enrolled: the QR code expired', 'The QR code was shown too long ago, so its codes no longer count. Nothing was stored.', 'Start a new enrollment and have the user scan the new QR code.'), status: 'expired' } };
      }
      const step = matchStep(secret, code, ctx.deps.clock.now(), STEP_WINDOW);
      if (step === null) {
        wrong += 1;
        if (wrong >= ENROLLMENT_ATTEMPTS) {
          close();
          return { kind: 'final', outcome: failed('too_many_wrong_codes', 'Not enrolled: too many wrong codes', 'The codes read out did not match the QR code shown, so nothing was stored.', 'Start a new enrollment and make sure the user scans the QR code on this screen.') };
        }
        return { kind: 'retry', message: 'The code does not match. Ask the user to read out the code the app shows now for this account.', attemptsLeft: ENROLLMENT_ATTEMPTS - wrong };
      }
      return ctx.queue(account, async (): Promise<EnrollmentConfirmResult> => {
        if (!open) return { kind: 'final', outcome: failed('enrollment_closed', 'Enrollment ended', 'This enrollment has already ended.', 'Start a new enrollment.') };
        // Stored only now: an unconfirmed secret never reaches the keychain. Replacing an earlier enrollment
        // also lifts its lock-out; the step just used counts as accepted, so it cannot verify a caller later.
        await accounts.setSecret(account, toBase32(secret));
        writeAccount(accounts, account, { v: 1, enrolledAt: new Date(ctx.deps.clock.now()).toISOString(), lastStep: step, failures: 0, lockedUntil: null });
        close();
        return { kind: 'final', outcome: enrolled(ctx.settings.issuer), refs: { replaced: existing.kind === 'none' ? 'no' : 'yes' } };
      });
    },
    cancel: () => {
      close();
      return Promise.resolve();
    },
  };

  const notices =
    existing.kind === 'none'
      ? []
      : ['This account already has an authenticator enrolled in this profile. Confirming replaces it: codes from the old one stop working.'];
  return {
    kind: 'ready',
    session,
    refs,
    display: {
      qr,
      accountLabel: `${ctx.settings.issuer}: ${label}`,
      expiresAt,
      facts: [{ label: 'Codes', value: '6 digits, a new one every 30 seconds (SHA-1)' }],
      notices,
      attemptsLeft: ENROLLMENT_ATTEMPTS,
    },
  };
}
