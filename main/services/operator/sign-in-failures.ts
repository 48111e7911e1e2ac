/** Why a sign-in did not complete, in plain words for the operator; the technical detail goes to the audit entry. */

export type SignInFailureCode =
  | 'not_configured'
  | 'discovery_failed'
  | 'browser_failed'
  | 'timeout'
  | 'cancelled'
  | 'refused_by_provider'
  | 'answer_mismatch'
  | 'token_failed'
  | 'id_token_invalid'
  | 'no_role';

export interface SignInFailure {
  code: SignInFailureCode;
  message: string;
  detail: string;
}

interface Facts {
  host?: string;
  minutes?: number;
  error?: string;
  name?: string;
}

const ADMIN = 'if it keeps happening, tell your administrator.';

const messages: Record<SignInFailureCode, (facts: Facts) => string> = {
  not_configured: () => 'Sign-in is not set up on this computer: there is nothing to sign in to.',
  discovery_failed: (f) => `The sign-in service (${f.host ?? 'unknown'}) could not be reached or did not answer as expected. Check the network connection and try again; ${ADMIN}`,
  browser_failed: () => `The app could not open your web browser for the sign-in. Try again; ${ADMIN}`,
  timeout: (f) => `The sign-in was not finished within ${f.minutes ?? 5} minutes, so it was stopped. Sign in again.`,
  cancelled: () => 'The sign-in was cancelled. You are not signed in.',
  refused_by_provider: (f) =>
    `The sign-in service did not sign you in${f.error === 'access_denied' ? ' (access was denied)' : ''}. Try again, or ask your administrator whether your account may use MFA Approver.`,
  answer_mismatch: () => 'The answer that came back to the app did not belong to this sign-in, so it was refused. Start the sign-in again from the app.',
  token_failed: () => `The sign-in service did not complete the sign-in. Try again; ${ADMIN}`,
  id_token_invalid: () => 'The sign-in could not be verified, so you are not signed in. Tell your administrator.',
  no_role: (f) => `You signed in as ${f.name ?? 'unknown'}, but your account has no role in MFA Approver. Ask your administrator to add you to the right group.`,
};

/** A failure with its message. */
export function failure(code: SignInFailureCode, detail: string, facts: Facts = {}): SignInFailure {
  return { code, message: messages[code](facts), detail };
}
