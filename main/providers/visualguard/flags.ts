/**
 * Every VisualGuard state flag as a plain sentence for the agent, and which of them stop an enrollment.
 * IsPasswordSecure is the one flag that matters when false.
 */
import type { AuthenticationFlag, AuthenticationState, AuthorizationFlag, AuthorizationState } from './schemas.js';

interface FlagText {
  message: string;
  /** The sign-in cannot go on: no enrollment is offered to such an account. */
  blocking: boolean;
  /** Outcome code when it blocks. */
  code?: string;
}

/** Messages for flags that are true (IsPasswordSecure: for false). IsFailed alone says nothing the others do not. */
export const authenticationFlagText: Record<Exclude<AuthenticationFlag, 'IsFailed'>, FlagText> = {
  IsNotApproved: { message: 'The account is not approved in VisualGuard yet.', blocking: true, code: 'account_not_approved' },
  IsCanceled: { message: 'VisualGuard reports the sign-in as cancelled.', blocking: true, code: 'sign_in_cancelled' },
  IsCredentialInvalid: { message: 'VisualGuard did not accept the user name or password.', blocking: true, code: 'credential_invalid' },
  IsUserNotAuthorized: { message: 'The account is not authorised for this application in VisualGuard.', blocking: true, code: 'user_not_authorized' },
  IsUserAccountExpired: { message: 'The account has expired in VisualGuard.', blocking: true, code: 'account_expired' },
  IsUserAccountNotYetAvailable: { message: 'The account is not active yet in VisualGuard.', blocking: true, code: 'account_not_yet_available' },
  IsUserAccountDisabled: { message: 'The account is disabled in VisualGuard.', blocking: true, code: 'account_disabled' },
  IsUserAccountLocked: { message: 'The account is locked in VisualGuard.', blocking: true, code: 'account_locked' },
  IsLastBadLogin: { message: 'One more failed sign-in will lock the account.', blocking: false },
  IsLastGraceLogon: { message: 'This was the account’s last sign-in before its password must be changed.', blocking: false },
  IsPasswordExpired: { message: 'The account’s password has expired.', blocking: true, code: 'password_expired' },
  IsPasswordSecure: { message: 'The account’s password does not meet VisualGuard’s password policy.', blocking: false },
  IsUserAccountLockedOut: { message: 'The account is locked out after too many failed sign-ins.', blocking: true, code: 'account_locked_out' },
  IsUserAccountWillBeLockedOut: { message: 'The account will be locked out after the next failed sign-in.', blocking: false },
  MustChangePasswordAtNextLogon: { message: 'The user must change their password at their next sign-in.', blocking: false },
  IsMFAWaitingUserAction: { message: 'VisualGuard is waiting for the user to complete a second factor.', blocking: false },
  IsMFAAuthenticationRequired: { message: 'VisualGuard requires a second factor (MFA) for this account.', blocking: false },
  IsMFATimeOut: { message: 'The MFA request timed out in VisualGuard.', blocking: true, code: 'mfa_timeout' },
  HasUserAccountMissingEmail: { message: 'The account has no email address in VisualGuard.', blocking: false },
  HasUserAccountMissingMobilePhone: { message: 'The account has no mobile phone number in VisualGuard.', blocking: false },
  IsMFAEnrollmentRequired: { message: 'VisualGuard requires this account to enroll an MFA method.', blocking: false },
};

export const authorizationFlagText: Record<Exclude<AuthorizationFlag, 'IsFailed'>, FlagText> = {
  IsCanceled: { message: 'VisualGuard reports the authorisation as cancelled.', blocking: true, code: 'authorization_cancelled' },
  IsUserNotFound: { message: 'VisualGuard has no user with this name.', blocking: true, code: 'user_not_found' },
  IsUserNotAuthorized: { message: 'The user has no permission for this application in VisualGuard.', blocking: true, code: 'user_not_authorized' },
  IsVersionNotCompatible: { message: 'VisualGuard reports that this application version is not compatible.', blocking: true, code: 'version_not_compatible' },
};

export interface FlagReading {
  /** Every raised flag as a sentence, in the order VisualGuard lists them. */
  notices: string[];
  /** The first flag that stops the enrollment, if any. */
  blocking: { code: string; message: string } | null;
}

function raised(name: string, value: boolean | undefined): boolean {
  return name === 'IsPasswordSecure' ? value === false : value === true;
}

/** Reads both states (either may be missing). */
export function readFlags(authentication: AuthenticationState | null | undefined, authorization: AuthorizationState | null | undefined): FlagReading {
  const notices: string[] = [];
  let blocking: FlagReading['blocking'] = null;
  const visit = (table: Record<string, FlagText>, state: Record<string, unknown> | null | undefined): void => {
    if (!state) return;
    for (const [name, text] of Object.entries(table)) {
      if (!raised(name, state[name] as boolean | undefined)) continue;
      if (!notices.includes(text.message)) notices.push(text.message);
      if (text.blocking && !blocking) blocking = { code: text.code ?? name, message: text.message };
    }
  };
  visit(authorizationFlagText, authorization);
  visit(authenticationFlagText, authentication);
  return { notices, blocking };
}
