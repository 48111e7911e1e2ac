/**
 * Plain-words meaning of every documented connector Result/Value (entra-connector.md §2d) that ends a
 * verification. Values not listed here end in an error that shows the raw code.
 */
import type { ProviderOutcome } from '../types.js';

type Entry = Omit<ProviderOutcome, 'code'>;

/** Said whenever the caller denied or reported the request: the person on the phone may not be the user. */
export const DENIAL_STEPS =
  'Do not proceed with the reset. Treat this call as possible social engineering; follow your escalation procedure.';
const RETRY_LATER = 'Wait a few minutes before trying again, or verify the caller another way.';
const OTHER_WAY = 'Verify the caller another way, or ask the user to fix their sign-in methods first.';
const ADMIN = 'Contact your Entra ID administrator.';

const denied: Entry = {
  status: 'denied',
  title: 'The caller denied the request',
  message: 'The sign-in request was denied on the user’s phone.',
  nextSteps: DENIAL_STEPS,
};
const fraud: Entry = {
  status: 'fraud',
  title: 'Fraud reported',
  message: 'The user reported the request as fraud.',
  nextSteps: DENIAL_STEPS,
};
const timeout: Entry = {
  status: 'timeout',
  title: 'No response',
  message: 'Nobody answered the request on the user’s phone in time.',
  nextSteps: 'Ask the caller to check their phone, then start a new verification once. Do not send repeated pushes.',
};
const lockedOut: Entry = {
  status: 'locked_out',
  title: 'Too many wrong codes',
  message: 'The method is locked after too many wrong codes.',
  nextSteps: 'Do not proceed. Verify the caller another way; the lock clears after a while.',
};

function error(title: string, message: string, nextSteps: string): Entry {
  return { status: 'error', title, message, nextSteps };
}

const voiceFailed = error('The phone call failed', 'The verification call could not be completed.', OTHER_WAY);
const smsFailed = error(
  'The text message failed',
  'The verification text message could not be delivered.',
  OTHER_WAY,
);
const wrongCode = error('Wrong code', 'The code did not match.', 'Start a new verification.');

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
    'User not found',
    'No such user was found in this tenant. Check the spelling of the user name.',
    'Check the user principal name and try again.',
  ),
  BecAccessDenied: error(
    'User not found',
    'The directory refused the lookup; the user name is probably not defined in this tenant.',
    'Check the user principal name and the tenant of this profile.',
  ),
  AccessDenied: error(
    'User belongs to another tenant',
    'This profile’s tenant may not verify this user: the domain belongs to a different tenant.',
    'Use the profile for the user’s own tenant.',
  ),
  InvalidArgument: error(
    'Domain not verified',
    'The user’s domain is not verified in this tenant.',
    'Check the user principal name and the tenant of this profile.',
  ),
  NoDefaultAuthenticationMethodIsConfigured: error(
    'No MFA method registered',
    'The user has no default sign-in verification method.',
    OTHER_WAY,
  ),
  AuthenticationMethodNotConfigured: error(
    'Method not registered',
    'The user has not registered the method that was requested (for push: Microsoft Authenticator).',
    'Check the user’s methods, try the code option, or verify the caller another way.',
  ),
  AuthenticationMethodNotSupported: error(
    'Method not supported',
    'The requested verification method is not supported for this user.',
    OTHER_WAY,
  ),
  ProofDataNotFound: error(
    'Method details missing',
    'The user’s method has no phone or app details registered.',
    OTHER_WAY,
  ),
  InvalidFormat: error('Phone number unusable', 'The user’s phone number is in an unrecognizable format.', OTHER_WAY),
  StrongAuthenticationServiceInvalidParameter: error(
    'Phone number unusable',
    'The user’s phone number is in an unrecognizable format.',
    OTHER_WAY,
  ),
  MFAPinNotSetup: error('PIN not set up', 'The user’s method requires a PIN that was never set up.', OTHER_WAY),
  AuthenticationThrottled: error(
    'Too many requests',
    'Too many verification requests were sent to this user in a short time.',
    RETRY_LATER,
  ),
  AuthenticationMethodLimitReached: error(
    'Too many calls or texts',
    'The limit of phone calls or text messages for this user was reached.',
    RETRY_LATER,
  ),
  UserAuthFailedDuplicateRequest: error(
    'Duplicate request',
    'Entra ID rejected this as a duplicate of a request sent moments ago.',
    RETRY_LATER,
  ),
  InvalidSession: error(
    'Session expired',
    'The verification session is invalid or expired (sessions last about 3 minutes).',
    'Start a new verification.',
  ),
  InvalidSessionId: error(
    'Session expired',
    'The verification session is invalid or expired.',
    'Start a new verification.',
  ),
  UserIsBlocked: error(
    'User is blocked',
    'The user is blocked from multi-factor authentication, often after a fraud report.',
    'Do not proceed with the reset. Follow your escalation procedure.',
  ),
  TenantIsBlocked: error('Tenant is blocked', 'Multi-factor authentication is blocked for this tenant.', ADMIN),
  InvalidParameter: error(
    'Request rejected',
    'Entra ID rejected a parameter of the request.',
    'Check the user name; if it is right, report this to your administrator.',
  ),
  InternalError: error('Entra ID error', 'Entra ID reported an internal error.', RETRY_LATER),
  VersionNotSupported: error(
    'Unsupported request version',
    'The connector no longer accepts this request version.',
    'Report this to the MFA Approver maintainers.',
  ),
  SASValidationFailed: error('Entra ID error', 'The verification service could not validate the request.', RETRY_LATER),
  AuthenticationMethodFailed: error('Verification failed', 'The verification method failed.', OTHER_WAY),
  PhoneAppEntropyIncorrect: error(
    'Wrong number chosen',
    'The number chosen in Microsoft Authenticator did not match.',
    DENIAL_STEPS,
  ),
  PhoneAppInvalidResult: error('Invalid app answer', 'Microsoft Authenticator returned an invalid answer.', OTHER_WAY),
  PhoneAppTokenChanged: error(
    'App needs re-registration',
    'The user’s Microsoft Authenticator registration changed and no longer works.',
    OTHER_WAY,
  ),
  PhoneAppNotificationFailed: error(
    'Push could not be delivered',
    'The notification could not be delivered to Microsoft Authenticator.',
    OTHER_WAY,
  ),
  PhoneAppAllDevicesBlocked: error(
    'All devices blocked',
    'All of the user’s Authenticator devices are blocked.',
    OTHER_WAY,
  ),
  SMSAuthFailedProviderCouldntSendSMS: smsFailed,
  OathCodeIncorrect: wrongCode,
  OathCodePinIncorrect: wrongCode,
  SMSAuthFailedWrongCodeEntered: wrongCode,
  SMSAuthFailedWrongCodePinEntered: wrongCode,
  VoiceOTPAuthFailedWrongCodeEntered: wrongCode,
  OathCodeDuplicate: error(
    'Code already used',
    'That code was already used.',
    'Start a new verification and use the next code.',
  ),
  OathCodeOld: error('Code too old', 'That code has expired.', 'Start a new verification and use the current code.'),
};

/** The table entry for a Result/Value, including the UserVoiceAuthFailed* and User2WaySMSAuthFailed* families. */
export function lookupResultValue(value: string): Entry | null {
  if (Object.hasOwn(table, value)) return table[value]!;
  if (value.startsWith('UserVoiceAuthFailed')) return voiceFailed;
  if (value.startsWith('User2WaySMSAuthFailed')) return smsFailed;
  return null;
}
