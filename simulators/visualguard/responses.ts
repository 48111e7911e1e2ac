/** Token answers in VisualGuard's documented shape: the OAuth members and the whole VGResponse. */
import { randomUUID } from 'node:crypto';
import type { VgSimUser } from './fixtures.js';

type Flags = Record<string, boolean>;

const ALL_FALSE: Flags = Object.fromEntries(
  [
    'IsFailed', 'IsNotApproved', 'IsCanceled', 'IsCredentialInvalid', 'IsUserNotAuthorized', 'IsUserAccountExpired',
    'IsUserAccountNotYetAvailable', 'IsUserAccountDisabled', 'IsUserAccountLocked', 'IsLastBadLogin', 'IsLastGraceLogon',
    'IsPasswordExpired', 'IsUserAccountLockedOut', 'IsUserAccountWillBeLockedOut', 'MustChangePasswordAtNextLogon',
    'IsMFAWaitingUserAction', 'IsMFAAuthenticationRequired', 'IsMFATimeOut', 'HasUserAccountMissingEmail',
    'HasUserAccountMissingMobilePhone', 'IsMFAEnrollmentRequired',
  ].map((name) => [name, false]),
);

export interface AnswerParts {
  requestId: string;
  user: VgSimUser | null;
  /** The name the answer claims (normally the user's). */
  identityName: string | null;
  flags: Flags;
  authorization: Flags;
  /** Transport modes offered for enrollment ([1, 4] = SMS and Microsoft Authenticator); null: no enrollment request. */
  enrollModes: number[] | null;
  status: string;
}

const MODE_NAMES: Record<number, string> = { 1: 'SMS', 2: 'Email', 4: 'MicrosoftAuthenticator' };

/** The token endpoint's answer body for a sign-in that did not complete (VisualGuard answers those with 400). */
export function tokenAnswer(parts: AnswerParts, baseUrl: string): Record<string, unknown> {
  const authenticationState = { Status: 134217729, ...ALL_FALSE, IsPasswordSecure: true, IsFailed: true, ...parts.flags };
  const available = parts.user
    ? [
        method(parts.requestId, 2, 1, parts.user.email, 90, 'Link', 'Email'),
        method(parts.requestId, 2, 2, parts.user.email, 60, 'OTP', 'Email'),
        ...(parts.user.kind === 'enrolled' ? [method(parts.requestId, 4, 2, null, 30, 'OTP', 'MicrosoftAuthenticator')] : []),
      ]
    : [];
  return {
    error: 'invalid_request',
    error_description: `Failure, ${parts.status}`,
    VGAuthenticationStatus: `Failure, ${parts.status}`,
    AuthenticationMethod: 'None',
    VGResponse: {
      RequestId: parts.requestId,
      AuthenticationState: authenticationState,
      AuthorizationState: { Status: 1, IsFailed: true, IsCanceled: false, IsUserNotFound: false, IsUserNotAuthorized: false, IsVersionNotCompatible: false, ...parts.authorization },
      AuthenticationResponse: {
        RequestId: parts.requestId,
        Identity: parts.identityName ? { Name: parts.identityName, AuthenticationType: 'VGUSER', IsAuthenticated: true } : null,
        AuthenticationEnrollmentRequest: parts.enrollModes
          ? {
              Id: parts.requestId,
              EnrollmentUrl: `${baseUrl}/mfa/enroll/${parts.requestId}`,
              TransportModes: parts.enrollModes,
              DisplayTransportModes: parts.enrollModes.map((m) => MODE_NAMES[m] ?? 'Unknown'),
            }
          : null,
        MFAAvailables: available,
        ...authenticationState,
      },
      Error: { Message: '', StackTrace: '' },
      AuthorizationStatus: 'Failure',
      AuthenticationStatus: `Failure, ${parts.status}`,
      VGToken: '',
    },
  };
}

function method(requestId: string, transport: number, mode: number, destination: string | null, expiration: number, modeName: string, transportName: string) {
  return {
    RequestId: requestId,
    TransportMode: transport,
    AuthenticationMode: mode,
    // VisualGuard masks destinations itself; the simulator sends them in full so the app's own masking is tested.
    DestinationDisplay: destination,
    ExpirationTime: expiration,
    AuthenticationModeDisplay: modeName,
    TransportModeDisplay: transportName,
    Id: randomUUID(),
  };
}
