/**
 * Every Auth0 MFA API error the reference names, as one precise message for the approver: wrong password,
 * invalid OTP, invalid binding code, rejected push, expired mfa_token, too many attempts, unsupported
 * challenge type, association required, slow_down and blocked user, plus the app's own refusals. The words
 * tell the next safe step; the HTTP status and Auth0's own text go to `detail` (the audit entry) only.
 */
import type { HttpErrorKind } from '../../services/http.js';
import { singleLine } from '../../services/text.js';
import type { OAuthError } from '../shared/json.js';
import type { StepUpFailure } from '../step-up.js';

const NOT_APPROVED = 'Nothing was approved.';

function failure(code: string, title: string, message: string, nextSteps: string | null, detail: string | null = null): StepUpFailure {
  return { code, title, message, nextSteps, detail };
}

/** The failures, by name. Each takes the technical detail for the audit entry. */
export const fail = {
  wrongPassword: (detail: string | null) =>
    failure('wrong_password', 'Wrong user name or password', `Auth0 did not accept this user name and password. ${NOT_APPROVED}`, 'Check both and sign in again. Repeated wrong passwords make Auth0 block the account.', detail),
  blockedUser: (detail: string | null) =>
    failure('blocked_user', 'Account blocked', `Auth0 has blocked this account, so it cannot approve releases. ${NOT_APPROVED}`, 'Ask your Auth0 administrator to unblock the account; another approver can approve meanwhile.', detail),
  invalidOtp: (detail: string | null) =>
    failure('invalid_otp', 'Code not accepted', 'The one-time code was wrong, too old, or already used.', 'Type the code your authenticator app shows now.', detail),
  invalidBindingCode: (detail: string | null) =>
    failure('invalid_binding_code', 'Code not accepted', 'The code does not match the one Auth0 sent to your phone.', 'Type the 6 digits exactly as received in the latest message or call.', detail),
  invalidRecoveryCode: (detail: string | null) =>
    failure('invalid_recovery_code', 'Recovery code not accepted', 'The recovery code was wrong or has already been used.', 'Type the recovery code you saved when you enrolled, without spaces.', detail),
  pushRejected: (detail: string | null) =>
    failure('push_rejected', 'Push rejected on the phone', `The sign-in request was rejected in Guardian on your phone. ${NOT_APPROVED}`, 'If you did not reject it yourself, tell your security team: someone may know your password.', detail),
  expiredMfaToken: (detail: string | null) =>
    failure('expired_mfa_token', 'Sign-in expired', `Auth0 accepts a second factor for 10 minutes after the password; that time has passed. ${NOT_APPROVED}`, 'Sign in again and complete the second factor within 10 minutes.', detail),
  invalidSession: (detail: string | null) =>
    failure('invalid_mfa_token', 'Sign-in no longer valid', `Auth0 no longer accepts this sign-in for a second factor. ${NOT_APPROVED}`, 'Sign in again.', detail),
  challengeExpired: (what: 'push' | 'code', detail: string | null) =>
    what === 'push'
      ? failure('push_expired', 'Push not answered in time', `The push expired before it was answered on your phone. ${NOT_APPROVED}`, 'Sign in again and answer the push, or choose another factor.', detail)
      : failure('code_expired', 'Code expired', `The code Auth0 sent has expired. ${NOT_APPROVED}`, 'Sign in again to have a new code sent.', detail),
  tooManyAttempts: (signIn: boolean, detail: string | null) =>
    signIn
      ? failure('too_many_attempts', 'Too many failed sign-ins', `Auth0 has stopped sign-ins to this account for now after repeated wrong passwords. ${NOT_APPROVED}`, 'Follow the unblock email from Auth0, or ask your Auth0 administrator.', detail)
      : failure('too_many_attempts', 'Too many wrong codes', `Auth0 refuses further codes for this account for now. ${NOT_APPROVED}`, 'Wait: Auth0 allows one more attempt every 6 minutes. Meanwhile another approver can approve.', detail),
  unsupportedChallenge: (detail: string | null) =>
    failure('unsupported_challenge_type', 'Factor not available', 'Auth0 does not offer this factor to this application, or you are not enrolled in it.', 'Choose another factor, or ask your Auth0 administrator to enable it for the application.', detail),
  associationRequired: (detail: string | null) =>
    failure('association_required', 'Enrollment needed', 'You have no second factor enrolled in Auth0 yet.', 'Enroll one below. Enrolling does not approve the release: you sign in again afterwards.', detail),
  slowDown: (polls: number) =>
    failure('slow_down', 'Auth0 kept asking the app to wait', `Auth0 asked the app again and again to check less often, so the app stopped waiting for your push answer. ${NOT_APPROVED}`, 'Sign in again and answer the push promptly, or choose another factor.', `slow_down answered repeatedly after ${polls} polls`),
  mfaNotRequired: () =>
    failure('mfa_not_required', 'No second factor was asked for', `Auth0 signed you in with the password alone, so no second factor was proven and the release cannot be approved. ${NOT_APPROVED}`, 'Ask your Auth0 administrator to require MFA for this application (see the README).', 'token answer to the password grant without mfa_required'),
  alreadyEnrolled: (detail: string | null) =>
    failure('already_enrolled', 'Already enrolled', 'You already have a second factor in Auth0, so the app cannot enroll another one for you here.', 'Use the factor you have. To change factors, ask your Auth0 administrator to reset your MFA.', detail),
  accessDenied: (detail: string | null) =>
    failure('access_denied', 'Auth0 refused', `Auth0 refused this sign-in (a rule or Action of the tenant may block it). ${NOT_APPROVED}`, 'Ask your Auth0 administrator why this account is refused.', detail),
  invalidClient: (detail: string | null) =>
    failure('invalid_client', 'Application not accepted', `Auth0 refused this profile’s client ID or its secret (or key). ${NOT_APPROVED}`, 'Ask your administrator to check the profile in Settings (Test connection).', detail),
  grantNotAllowed: (detail: string | null) =>
    failure('grant_not_allowed', 'Sign-in method not enabled', `The Auth0 application may not use the password or MFA grant types. ${NOT_APPROVED}`, 'Ask your Auth0 administrator to enable Password (or Password Realm) and MFA in the application’s grant types.', detail),
  requestRefused: (detail: string | null) =>
    failure('invalid_request', 'Auth0 refused the request', `Auth0 refused the request as invalid. ${NOT_APPROVED}`, 'Sign in again. If it happens again, report it to your administrator.', detail),
  unexpected: (code: string, detail: string | null) =>
    failure(code, 'Unexpected answer from Auth0', `Auth0 answered with an error the app does not know, so nothing was accepted from it. ${NOT_APPROVED}`, 'Sign in again. If it happens again, report it to your administrator.', detail),
  malformed: (detail: string) =>
    failure('malformed_response', 'Unreadable answer from Auth0', `The answer could not be read, so nothing was accepted from it. ${NOT_APPROVED}`, 'Try again. If it happens again, report it to your administrator.', detail),
  httpStatus: (status: number) =>
    failure(`http_${status}`, status >= 500 ? 'Auth0 had a problem' : 'Auth0 refused the request', `Auth0 answered with an error status. ${NOT_APPROVED}`, 'Try again. If it happens again, report it to your administrator.', `HTTP ${status}`),
  answerRefused: (detail: string) =>
    failure('id_token_invalid', 'Not approved: the answer failed the app’s checks', `Auth0’s answer did not pass the app’s security checks (signature, issuer, audience or time), so it does not count. ${NOT_APPROVED}`, 'Do not approve another way. Report this to your administrator.', detail),
  keysUnavailable: (detail: string) =>
    failure('jwks_unavailable', 'Not approved: the answer could not be checked', `The app could not fetch the keys that sign Auth0’s answers, so the answer could not be checked. ${NOT_APPROVED}`, 'Try again. If it happens again, report it to your administrator.', detail),
  keychain: (code: string, message: string, fix: string) => failure(code, code === 'keychain_locked' ? 'Keychain locked' : 'Keychain not available', `${message} Nothing was sent.`, fix, null),
  secretMissing: (message: string) =>
    failure('secret_missing', 'Profile not ready', `${message} Nothing was sent.`, 'Ask your administrator to save the client secret (or key) of this profile in Settings.', null),
  transport: (kind: HttpErrorKind, timeoutMs: number) => transportFailure(kind, timeoutMs),
};

function transportFailure(kind: HttpErrorKind, timeoutMs: number): StepUpFailure {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  switch (kind) {
    case 'timeout':
      return failure('timeout', 'No answer in time', `Auth0 did not answer within ${seconds} seconds. ${NOT_APPROVED}`, 'Try again. If it keeps happening, check the network.', `transport timeout after ${seconds} s`);
    case 'too_large':
      return fail.malformed('response larger than the size limit');
    case 'bad_url':
      return failure('bad_url', 'Profile address not valid', 'The tenant address of this profile cannot be used. Nothing was sent.', 'Ask your administrator to check the tenant domain in Settings.', 'URL refused before sending');
    case 'proxy':
      return failure('proxy_failed', 'The proxy refused the connection', 'The HTTPS proxy of this profile did not open a connection to Auth0. Nothing was sent.', 'Check the proxy setting of this profile, or ask your network team.', 'proxy CONNECT failed');
    case 'aborted':
      return failure('cancelled', 'Cancelled', `The sign-in was cancelled. ${NOT_APPROVED}`, null, null);
    default:
      return failure('network', 'Auth0 could not be reached', `The connection to Auth0 failed. ${NOT_APPROVED}`, 'Check the network connection and try again.', 'network error');
  }
}

/** Where in the step-up an error came: the same Auth0 code means different things at different steps. */
export type Stage = 'password' | 'authenticators' | 'challenge' | 'otp' | 'binding' | 'recovery' | 'push' | 'associate';

export type ErrorReading =
  | { kind: 'pending' }
  | { kind: 'slow_down' }
  /** The approver may try again (a wrong code) or pick another factor (a factor not available). */
  | { kind: 'retry'; failure: StepUpFailure }
  | { kind: 'enroll'; failure: StepUpFailure }
  | { kind: 'failed'; failure: StepUpFailure };

/** Technical detail for the audit entry: status, code and Auth0's own words, on one bounded line. */
export function errorDetail(status: number, error: OAuthError): string {
  const description = error.error_description ? `: ${singleLine(error.error_description, 200)}` : '';
  return `HTTP ${status} ${error.error}${description}`;
}

/** Reads an OAuth error answered at `stage`. */
export function readError(stage: Stage, status: number, error: OAuthError): ErrorReading {
  const detail = errorDetail(status, error);
  const text = error.error_description ?? '';
  const failed = (f: StepUpFailure): ErrorReading => ({ kind: 'failed', failure: f });
  const retry = (f: StepUpFailure): ErrorReading => ({ kind: 'retry', failure: f });
  // Auth0 names the mfa_token in its description when the sign-in itself is what failed.
  const session = (): ErrorReading => failed(/expired/i.test(text) ? fail.expiredMfaToken(detail) : fail.invalidSession(detail));
  switch (error.error) {
    case 'authorization_pending':
      return stage === 'push' ? { kind: 'pending' } : failed(fail.unexpected(error.error, detail));
    case 'slow_down':
      return stage === 'push' ? { kind: 'slow_down' } : failed(fail.unexpected(error.error, detail));
    case 'expired_token':
      if (!/mfa_token/i.test(text) && (stage === 'push' || stage === 'binding')) return failed(fail.challengeExpired(stage === 'push' ? 'push' : 'code', detail));
      return failed(fail.expiredMfaToken(detail));
    case 'invalid_token':
      return session();
    case 'invalid_grant':
      return readInvalidGrant(stage, text, detail, session);
    case 'unauthorized':
      return failed(/blocked/i.test(text) ? fail.blockedUser(detail) : fail.accessDenied(detail));
    case 'too_many_attempts':
      return failed(fail.tooManyAttempts(stage === 'password', detail));
    case 'unsupported_challenge_type':
    case 'invalid_authenticator':
      return retry(fail.unsupportedChallenge(detail));
    case 'association_required':
      return { kind: 'enroll', failure: fail.associationRequired(detail) };
    case 'access_denied':
      return failed(stage === 'associate' && /enrolled/i.test(text) ? fail.alreadyEnrolled(detail) : fail.accessDenied(detail));
    case 'invalid_client':
      return failed(fail.invalidClient(detail));
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return failed(fail.grantNotAllowed(detail));
    case 'invalid_request':
      return failed(fail.requestRefused(detail));
    default:
      return failed(fail.unexpected(error.error, detail));
  }
}

/** invalid_grant is Auth0's answer to many things; the stage and its description tell which. */
function readInvalidGrant(stage: Stage, text: string, detail: string, session: () => ErrorReading): ErrorReading {
  if (stage === 'password') {
    return { kind: 'failed', failure: /blocked/i.test(text) ? fail.blockedUser(detail) : fail.wrongPassword(detail) };
  }
  if (/mfa_token/i.test(text)) return session();
  switch (stage) {
    case 'otp':
      return { kind: 'retry', failure: fail.invalidOtp(detail) };
    case 'recovery':
      return { kind: 'retry', failure: fail.invalidRecoveryCode(detail) };
    case 'binding':
      return { kind: 'retry', failure: fail.invalidBindingCode(detail) };
    case 'push':
      return { kind: 'failed', failure: /reject/i.test(text) ? fail.pushRejected(detail) : fail.invalidSession(detail) };
    default:
      return session();
  }
}
