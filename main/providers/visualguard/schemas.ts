/**
 * The whole VGResponse as VisualGuard's docs show it, parsed with size limits. Every state flag is optional
 * (versions differ) but must be a boolean when present; unknown members are dropped. The token answer also
 * carries the OAuth members, and the docs' own spelling "VGReponse" is read too.
 */
import { z } from 'zod';
import { boundedArray, boundedString } from '../../../contract/bounds.js';

const text = (max: number) => boundedString(max);
const flag = z.boolean().optional();
const int = z.number().int().min(-1e12).max(1e12);

/** The flags of AuthenticationState (also repeated on AuthenticationResponse). */
export const authenticationFlags = [
  'IsFailed',
  'IsNotApproved',
  'IsCanceled',
  'IsCredentialInvalid',
  'IsUserNotAuthorized',
  'IsUserAccountExpired',
  'IsUserAccountNotYetAvailable',
  'IsUserAccountDisabled',
  'IsUserAccountLocked',
  'IsLastBadLogin',
  'IsLastGraceLogon',
  'IsPasswordExpired',
  'IsPasswordSecure',
  'IsUserAccountLockedOut',
  'IsUserAccountWillBeLockedOut',
  'MustChangePasswordAtNextLogon',
  'IsMFAWaitingUserAction',
  'IsMFAAuthenticationRequired',
  'IsMFATimeOut',
  'HasUserAccountMissingEmail',
  'HasUserAccountMissingMobilePhone',
  'IsMFAEnrollmentRequired',
] as const;
export type AuthenticationFlag = (typeof authenticationFlags)[number];

export const authorizationFlags = ['IsFailed', 'IsCanceled', 'IsUserNotFound', 'IsUserNotAuthorized', 'IsVersionNotCompatible'] as const;
export type AuthorizationFlag = (typeof authorizationFlags)[number];

const flagsOf = <T extends readonly string[]>(names: T) =>
  Object.fromEntries(names.map((name) => [name, flag])) as { [K in T[number]]: typeof flag };

export const authenticationStateSchema = z.object({ Status: int.optional(), ...flagsOf(authenticationFlags) });
export type AuthenticationState = z.infer<typeof authenticationStateSchema>;
export const authorizationStateSchema = z.object({ Status: int.optional(), ...flagsOf(authorizationFlags) });
export type AuthorizationState = z.infer<typeof authorizationStateSchema>;

const mfaAvailableSchema = z.object({
  RequestId: text(64).nullish(),
  TransportMode: int.nullish(),
  AuthenticationMode: int.nullish(),
  DestinationDisplay: text(320).nullish(),
  ExpirationTime: int.nullish(),
  AuthenticationModeDisplay: text(60).nullish(),
  TransportModeDisplay: text(60).nullish(),
  Id: text(64).nullish(),
});
export type MfaAvailable = z.infer<typeof mfaAvailableSchema>;

const enrollmentRequestSchema = z.object({
  Id: text(64).nullish(),
  EnrollmentUrl: text(1000).nullish(),
  TransportModes: boundedArray(int, 16).nullish(),
  DisplayTransportModes: boundedArray(text(60), 16).nullish(),
});
export type EnrollmentRequest = z.infer<typeof enrollmentRequestSchema>;

const authenticationResponseSchema = authenticationStateSchema.extend({
  RequestId: text(64).nullish(),
  Identity: z.object({ Name: text(256).nullish(), AuthenticationType: text(60).nullish(), IsAuthenticated: z.boolean().nullish() }).nullish(),
  AuthenticationEnrollmentRequest: enrollmentRequestSchema.nullish(),
  MFAAvailables: boundedArray(mfaAvailableSchema, 20).nullish(),
});

export const vgResponseSchema = z.object({
  RequestId: text(64).nullish(),
  AuthenticationState: authenticationStateSchema.nullish(),
  AuthorizationState: authorizationStateSchema.nullish(),
  AuthenticationResponse: authenticationResponseSchema.nullish(),
  // Never shown: a stack trace is for VisualGuard's administrators, and only its size is checked here.
  Error: z.object({ Message: text(2000).nullish(), StackTrace: text(20_000).nullish() }).nullish(),
  AuthorizationStatus: text(200).nullish(),
  AuthenticationStatus: text(200).nullish(),
  VGToken: text(8192).nullish(),
});
export type VgResponse = z.infer<typeof vgResponseSchema>;

export const tokenAnswerSchema = z.object({
  error: text(100).nullish(),
  error_description: text(1000).nullish(),
  VGAuthenticationStatus: text(200).nullish(),
  AuthenticationMethod: text(100).nullish(),
  access_token: text(16_384).nullish(),
  token_type: text(40).nullish(),
  expires_in: int.nullish(),
  scope: text(2000).nullish(),
  VGResponse: vgResponseSchema.nullish(),
  VGReponse: vgResponseSchema.nullish(),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** ValidateMicrosoftTOTP's answer (not documented): a boolean, or an object with a verdict and state flags. */
export const validateAnswerSchema = z.union([
  z.boolean(),
  z.object({
    IsValid: z.boolean().nullish(),
    Success: z.boolean().nullish(),
    IsSuccess: z.boolean().nullish(),
    Message: text(2000).nullish(),
    AuthenticationState: authenticationStateSchema.nullish(),
    VGResponse: vgResponseSchema.nullish(),
  }),
]);
export type ValidateAnswer = z.infer<typeof validateAnswerSchema>;

/** A request id goes into a URL: a GUID-like token only. */
export const requestIdPattern = /^[A-Za-z0-9-]{1,64}$/;
