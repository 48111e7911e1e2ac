/**
 * Plain-words meaning of every documented connector Result/Value (entra-connector.md §2d) that ends a
 * verification. Titles say who did what (the account holder, Entra ID, the app). Values not listed here end
 * in an error that shows the raw code behind "Details for IT".
 */
import { DENIAL_STEPS, DENIED, FRAUD } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';

type Entry = Omit<ProviderOutcome, 'code'>;

export { DENIAL_STEPS };
const RETRY_LATER = 'Wait a few minutes before trying again, or verify the caller another way.';
const OTHER_WAY = 'Verify the caller another way, or ask the account holder to fix their sign-in methods first.';
const ADMIN = 'Contact your Entra ID administrator.';

const denied: Entry = {
  ...DENIED,
  message: 'The request was denied in Microsoft Authenticator on the account holder’s phone. The person on the line may not be the account holder.',
};
const fraud: Entry = {
  ...FRAUD,
  message: 'The account holder reported the request as fraud in Microsoft Authenticator: they did not start it. The person on the line is probably not them.',
};
const timeout: Entry = {
  status: 'timeout',
  title: 'The account holder did not answer in time',
  message: 'Nobody answered the request on the account holder’s phone in time. Nothing was approved.',
  nextSteps: 'Ask the caller to check their phone, then start a new verification once. Do not send repeated pushes.',
};
const lockedOut: Entry = {
  status: 'locked_out',
  title: 'Entra ID locked the method after too many wrong codes',
  message: 'The account’s method is locked after too many wrong codes. Nothing was approved.',
  nextSteps: 'Do not proceed. Verify the caller another way; the lock clears after a while.',
};

function error(title: string, message: string, nextSteps: string): Entry {
  return { status: 'error', title, message, nextSteps };
}

const voiceFailed = error('Entra ID could not complete the phone call', 'The verification call could not be completed.', OTHER_WAY);
const smsFailed = error(
  'Entra ID could not deliver the text message',
  'The verification text message could not be delivered.',
  OTHER_WAY,
);
const wrongCode = error('Entra ID rejected the code', 'The code did not match.', 'Start a new verification.');

const table: Record<string, Entry> = {
  PhoneAppDenied: denied,
  PhoneAppFraudReported: fraud,
  PhoneAppFraud: fraud,
  FraudCodeEntered: fraud,
  PhoneAppNoResponse: timeout,
  SMSAuthFailedNoResponseTimeout: timeout,
  OathCodeFailedMaxAllowedRetryReached: lockedOut,
  SMSAuthFailedMaxAllowedCodeRetryReached: lockedOut,
  AuthenticationMethodLocked: lockedOut,
  UserNotFound: error(
    'Entra ID found no such account',
    'No account with this sign-in name (UPN) exists in this profile’s tenant. Check the spelling.',
    'Check the sign-in name (UPN) with the caller and try again.',
  ),
  BecAccessDenied: error(
    'Entra ID found no such account',
    'The directory refused the lookup; the sign-in name (UPN) is probably not defined in this tenant.',
    'Check the sign-in name (UPN) and the tenant of this profile.',
  ),
  AccessDenied: error(
    'The account belongs to another tenant',
    'Entra ID refused: this profile may verify only accounts of its own tenant, and this account’s domain belongs to a different one.',
    'Use the profile for the account’s own tenant.',
  ),
  InvalidArgument: error(
    'Entra ID does not know this account’s domain',
    'The account’s domain is not verified in this profile’s tenant.',
    'Check the sign-in name (UPN) and the tenant of this profile.',
  ),
  NoDefaultAuthenticationMethodIsConfigured: error(
    'The account has no verification method',
    'The account holder has no default sign-in verification method registered.',
    OTHER_WAY,
  ),
  AuthenticationMethodNotConfigured: error(
    'The account has no method for this request',
    'The account holder has not registered the method that was requested (for push: Microsoft Authenticator).',
    'Check the account’s methods, try the code option, or verify the caller another way.',
  ),
  AuthenticationMethodNotSupported: error(
    'Entra ID does not support this method for the account',
    'The requested verification method is not supported for this account.',
    OTHER_WAY,
  ),
  ProofDataNotFound: error(
    'The account’s method is incomplete',
    'The account’s method has no phone or app details registered.',
    OTHER_WAY,
  ),
  InvalidFormat: error('Entra ID cannot use the account’s phone number', 'The registered phone number is in a format Entra ID does not recognise.', OTHER_WAY),
  StrongAuthenticationServiceInvalidParameter: error(
    'Entra ID cannot use the account’s phone number',
    'The registered phone number is in a format Entra ID does not recognise.',
    OTHER_WAY,
  ),
  MFAPinNotSetup: error('The account’s PIN was never set up', 'The account’s method requires a PIN that was never set up.', OTHER_WAY),
  AuthenticationThrottled: error(
    'Entra ID is limiting requests for this account',
    'Too many verification requests were sent to this account in a short time.',
    RETRY_LATER,
  ),
  AuthenticationMethodLimitReached: error(
    'Entra ID reached its limit of calls or texts',
    'The limit of phone calls or text messages for this account was reached.',
    RETRY_LATER,
  ),
  UserAuthFailedDuplicateRequest: error(
    'Entra ID rejected a duplicate request',
    'Entra ID took this for a copy of a request sent moments ago.',
    RETRY_LATER,
  ),
  InvalidSession: error(
    'The verification session expired',
    'Entra ID no longer knows this verification session (sessions last about 3 minutes).',
    'Start a new verification.',
  ),
  InvalidSessionId: error(
    'The verification session expired',
    'Entra ID no longer knows this verification session.',
    'Start a new verification.',
  ),
  UserIsBlocked: error(
    'Entra ID has blocked this account from MFA',
    'The account is blocked from multi-factor authentication, often after a fraud report.',
    'Do not proceed with the reset. Follow your escalation procedure.',
  ),
  TenantIsBlocked: error('Entra ID has blocked MFA for this tenant', 'Multi-factor authentication is blocked for this profile’s tenant.', ADMIN),
  InvalidParameter: error(
    'Entra ID rejected the request',
    'Entra ID rejected a value in the request.',
    'Check the sign-in name (UPN); if it is right, report this to your administrator.',
  ),
  InternalError: error('Entra ID reported a problem', 'Entra ID reported an internal error.', RETRY_LATER),
  VersionNotSupported: error(
    'Entra ID no longer accepts this app’s requests',
    'The connector no longer accepts the request version this app sends.',
    'Report this to the MFA Approver maintainers.',
  ),
  SASValidationFailed: error('Entra ID could not check the request', 'The verification service could not validate the request.', RETRY_LATER),
  AuthenticationMethodFailed: error('The verification method failed', 'Entra ID reported that the method failed.', OTHER_WAY),
  PhoneAppEntropyIncorrect: error(
    'The account holder chose the wrong number',
    'The number chosen in Microsoft Authenticator did not match.',
    DENIAL_STEPS,
  ),
  PhoneAppInvalidResult: error('Microsoft Authenticator sent an invalid answer', 'Microsoft Authenticator returned an answer Entra ID could not use.', OTHER_WAY),
  PhoneAppTokenChanged: error(
    'The account holder’s app needs registering again',
    'The account holder’s Microsoft Authenticator registration changed and no longer works.',
    OTHER_WAY,
  ),
  PhoneAppNotificationFailed: error(
    'Entra ID could not deliver the push',
    'The notification could not be delivered to Microsoft Authenticator.',
    OTHER_WAY,
  ),
  PhoneAppAllDevicesBlocked: error(
    'All of the account holder’s devices are blocked',
    'Every Microsoft Authenticator device of this account is blocked.',
    OTHER_WAY,
  ),
  SMSAuthFailedProviderCouldntSendSMS: smsFailed,
  OathCodeIncorrect: wrongCode,
  OathCodePinIncorrect: wrongCode,
  SMSAuthFailedWrongCodeEntered: wrongCode,
  SMSAuthFailedWrongCodePinEntered: wrongCode,
  VoiceOTPAuthFailedWrongCodeEntered: wrongCode,
  OathCodeDuplicate: error(
    'Entra ID rejected a code that was already used',
    'That code was already used.',
    'Start a new verification and use the next code.',
  ),
  OathCodeOld: error('Entra ID rejected an expired code', 'That code has expired.', 'Start a new verification and use the current code.'),
};

/** Every Result/Value the table names (for tests that read every entry). */
export const documentedResultValues: readonly string[] = Object.keys(table);

/** The table entry for a Result/Value, including the UserVoiceAuthFailed* and User2WaySMSAuthFailed* families. */
export function lookupResultValue(value: string): Entry | null {
  if (Object.hasOwn(table, value)) return table[value]!;
  if (value.startsWith('UserVoiceAuthFailed')) return voiceFailed;
  if (value.startsWith('User2WaySMSAuthFailed')) return smsFailed;
  return null;
}
