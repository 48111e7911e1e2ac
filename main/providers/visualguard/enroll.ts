/**
 * Enrollment through VisualGuard: sign the user in → AuthenticationEnrollmentRequest offers Microsoft
 * Authenticator → download the QR by image or bytes → validate the code the user reads back. The secret
 * is inside VisualGuard's QR image; the app never reads it, so there is no setup key to show.
 */
import { visualguardContract } from '../../../contract/providers/visualguard.js';
import type { EnrollmentConfirmResult, EnrollmentSession, EnrollmentStart, EnrollmentStartRequest } from '../types.js';
import type { VgContext } from './context.js';
import { failed } from './outcomes.js';
import { fetchQr } from './qr-image.js';
import { authenticate } from './token.js';
import { validateCode } from './validate.js';

/** VisualGuard's own lifetime of an enrollment request is not documented; the app offers the QR this long. */
export const ENROLLMENT_LIFETIME_MS = 5 * 60_000;
/** Wrong codes the app sends to VisualGuard for one enrollment before it gives up (VisualGuard may lock sooner). */
export const ENROLLMENT_ATTEMPTS = 5;

/** Signs the user in, checks that Microsoft Authenticator is offered, and downloads its QR code. */
export async function startEnrollment(ctx: VgContext, request: EnrollmentStartRequest): Promise<EnrollmentStart> {
  const refs: Record<string, string> = { enrollmentId: request.enrollmentId };
  const checked = visualguardContract.checkSubject(ctx.settings, request.subject.canonical);
  if (!checked.ok) return { kind: 'final', outcome: failed('invalid_subject', 'User name not valid', `The user name ${checked.message}. Nothing was sent.`, null), refs };
  const needsPassword = ctx.settings.authenticationModule !== 'Passwordless';
  if (needsPassword !== (request.userPassword !== null)) {
    return { kind: 'final', outcome: failed('password_expected', 'Password needed', needsPassword ? 'This profile signs the user in with their password; none was given. Nothing was sent.' : 'This profile signs users in without a password. Nothing was sent.', null), refs };
  }
  // The name as typed (trimmed): VisualGuard decides how it compares names.
  const username = request.subject.raw.trim();
  const auth = await authenticate(ctx, username, request.userPassword, request.signal);
  Object.assign(refs, auth.refs);
  if (auth.kind === 'final') return { kind: 'final', outcome: auth.outcome, refs, facts: auth.facts, notices: auth.notices };
  const qr = await fetchQr(ctx, auth.requestId, auth.accessToken, request.signal);
  if (!qr.ok) return { kind: 'final', outcome: qr.outcome, refs, facts: auth.facts, notices: auth.notices };

  let wrong = 0;
  let open = true;
  const session: EnrollmentSession = {
    setupKey: () => null,
    async confirm(code, signal): Promise<EnrollmentConfirmResult> {
      if (!open) return { kind: 'final', outcome: failed('enrollment_closed', 'Enrollment ended', 'This enrollment has already ended.', 'Start a new enrollment.') };
      const result = await validateCode(ctx, auth.requestId, auth.accessToken, code, signal);
      if (result.kind === 'final') {
        open = false;
        return result;
      }
      wrong += 1;
      if (wrong >= ENROLLMENT_ATTEMPTS) {
        open = false;
        return { kind: 'final', outcome: failed('too_many_wrong_codes', 'Not enrolled: too many wrong codes', 'VisualGuard did not accept any of the codes read out, so nothing was enrolled.', 'Start a new enrollment and make sure the user scans the QR code on this screen.', result.detail ?? null) };
      }
      return { ...result, attemptsLeft: ENROLLMENT_ATTEMPTS - wrong };
    },
    cancel: () => {
      // VisualGuard documents no call to withdraw a request: it is forgotten here and expires there.
      open = false;
      return Promise.resolve();
    },
  };
  return {
    kind: 'ready',
    session,
    refs,
    display: {
      qr: qr.dataUrl,
      accountLabel: auth.accountName,
      expiresAt: ctx.deps.clock.now() + ENROLLMENT_LIFETIME_MS,
      facts: auth.facts,
      notices: auth.notices,
      attemptsLeft: ENROLLMENT_ATTEMPTS,
    },
  };
}
