/** The whole VGResponse: the documented example, every state flag as a plain sentence, masked destinations, size limits. */
import { describe, expect, it } from 'vitest';
import { authenticationFlagText, authorizationFlagText, readFlags } from '../../../main/providers/visualguard/flags.js';
import { maskDestination } from '../../../main/providers/visualguard/mask.js';
import { authenticationFlags, authorizationFlags, tokenAnswerSchema } from '../../../main/providers/visualguard/schemas.js';
import { interpretTokenAnswer } from '../../../main/providers/visualguard/token.js';

const REQUEST = '3b1f7c2e-9a4d-4e6b-8c21-5f0e7d9a1b44';
const falseFlags = Object.fromEntries(authenticationFlags.map((f) => [f, false]));

/** Shaped like the example in VisualGuard's "Microsoft Authenticator TOTP through an API" page. */
function documentedAnswer(overrides: { state?: Record<string, unknown>; enroll?: unknown; name?: string } = {}) {
  const state = { Status: 134217729, ...falseFlags, IsFailed: true, IsPasswordSecure: true, IsMFAAuthenticationRequired: true, ...overrides.state };
  return {
    error: 'invalid_request',
    error_description: 'Failure, MFA_AuthenticationRequired',
    VGAuthenticationStatus: 'Failure, MFA_AuthenticationRequired',
    AuthenticationMethod: 'None',
    VGResponse: {
      RequestId: REQUEST,
      AuthenticationState: state,
      AuthorizationState: { Status: 1, IsFailed: true, IsCanceled: false, IsUserNotFound: false, IsUserNotAuthorized: false, IsVersionNotCompatible: false },
      AuthenticationResponse: {
        RequestId: REQUEST,
        Identity: { Name: overrides.name ?? 'kt42', AuthenticationType: 'VGUSER', IsAuthenticated: true },
        AuthenticationEnrollmentRequest:
          overrides.enroll === undefined
            ? { Id: REQUEST, EnrollmentUrl: `http://localhost:5000/mfa/enroll/${REQUEST}`, TransportModes: [1, 4], DisplayTransportModes: ['SMS', 'MicrosoftAuthenticator'] }
            : overrides.enroll,
        MFAAvailables: [
          { RequestId: REQUEST, TransportMode: 2, AuthenticationMode: 1, DestinationDisplay: 'k****************2@e****.com', ExpirationTime: 90, AuthenticationModeDisplay: 'Link', TransportModeDisplay: 'Email', Id: 'a1' },
          { RequestId: REQUEST, TransportMode: 1, AuthenticationMode: 2, DestinationDisplay: '+33 6 12 34 56 78', ExpirationTime: 60, AuthenticationModeDisplay: 'OTP', TransportModeDisplay: 'SMS', Id: 'a2' },
        ],
        ...state,
      },
      Error: { Message: '', StackTrace: '' },
      AuthorizationStatus: 'Failure',
      AuthenticationStatus: 'Failure, MFA_AuthenticationRequired',
      VGToken: '',
    },
  };
}

const interpret = (raw: unknown, user = 'kt42') => interpretTokenAnswer(tokenAnswerSchema.parse(raw), user, 400);

describe('VGResponse reading', () => {
  it('reads the documented example: enrollment offered, facts with destinations masked by the app', () => {
    const reading = interpret(documentedAnswer());
    expect(reading).toMatchObject({ kind: 'enroll', requestId: REQUEST, accountName: 'kt42', accessToken: null });
    const methods = reading.facts.find((f) => f.label === 'MFA methods on file')?.value;
    expect(methods).toBe('Email Link to k***@e***.com; SMS OTP to ••• 78');
    expect(reading.notices).toEqual(['VisualGuard requires a second factor (MFA) for this account.']);
  });

  it('reads the docs’ own spelling "VGReponse" too, and compares the account without case', () => {
    const answer = documentedAnswer({ name: 'KT42' }) as Record<string, unknown>;
    answer.VGReponse = answer.VGResponse;
    delete answer.VGResponse;
    expect(interpret(answer, 'kt42').kind).toBe('enroll');
  });

  it('has a plain sentence for every flag, and each raised flag shows up (IsPasswordSecure when false)', () => {
    for (const name of authenticationFlags.filter((f) => f !== 'IsFailed')) {
      const text = authenticationFlagText[name];
      expect(text.message).toMatch(/^[A-Z].*\.$/);
      const value = name !== 'IsPasswordSecure';
      expect(readFlags({ ...falseFlags, IsPasswordSecure: true, [name]: value }, null).notices, name).toEqual([text.message]);
      if (text.blocking) expect(interpret(documentedAnswer({ state: { [name]: true } })).kind, name).toBe('final');
    }
    for (const name of authorizationFlags.filter((f) => f !== 'IsFailed')) {
      expect(readFlags(null, { [name]: true }).notices).toEqual([authorizationFlagText[name].message]);
    }
  });

  it('fails closed: another account, no request id, Authenticator not offered', () => {
    expect(interpret(documentedAnswer({ name: 'someone' }))).toMatchObject({ kind: 'final', outcome: { code: 'subject_mismatch' } });
    const noId = documentedAnswer() as { VGResponse: { RequestId: unknown; AuthenticationResponse: { RequestId: unknown } } };
    noId.VGResponse.RequestId = 'not a/valid id';
    noId.VGResponse.AuthenticationResponse.RequestId = null;
    expect(interpret(noId)).toMatchObject({ kind: 'final', outcome: { code: 'malformed_response' } });
    const smsOnly = documentedAnswer({ enroll: { Id: REQUEST, TransportModes: [1], DisplayTransportModes: ['SMS'] } });
    expect(interpret(smsOnly)).toMatchObject({ kind: 'final', outcome: { code: 'authenticator_not_offered' } });
    // By number alone (no display names), mode 4 is Microsoft Authenticator.
    expect(interpret(documentedAnswer({ enroll: { Id: REQUEST, TransportModes: [4], DisplayTransportModes: null } })).kind).toBe('enroll');
  });

  it('refuses oversized members and wrong types before reading them', () => {
    const long = documentedAnswer() as { VGResponse: { Error: { StackTrace: string } } };
    long.VGResponse.Error.StackTrace = 'x'.repeat(20_001);
    expect(tokenAnswerSchema.safeParse(long).success).toBe(false);
    const many = documentedAnswer() as { VGResponse: { AuthenticationResponse: { MFAAvailables: unknown[] } } };
    many.VGResponse.AuthenticationResponse.MFAAvailables = Array.from({ length: 21 }, () => ({}));
    expect(tokenAnswerSchema.safeParse(many).success).toBe(false);
    expect(tokenAnswerSchema.safeParse(documentedAnswer({ state: { IsUserAccountLocked: 'false' } })).success).toBe(false);
  });

  it('masks every destination it is given, whatever the provider already did', () => {
    expect(maskDestination('michaelis@gmail.com')).toBe('m***@g***.com');
    expect(maskDestination('m****************s@g****.com')).toBe('m***@g***.com');
    expect(maskDestination('+1 (555) 010-4477')).toBe('••• 77');
    expect(maskDestination('******4477')).toBe('***');
    expect(maskDestination(null)).toBe('no destination shown');
    expect(maskDestination('a\u0000b@x.io')).toBe('a***@x***.io');
  });
});
