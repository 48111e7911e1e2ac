import { describe, it, expect } from 'vitest';
import { interpretBegin, interpretEnd, resultOutcome } from '../../../main/providers/entra/outcomes.js';
import { DENIAL_STEPS } from '../../../main/providers/entra/outcome-table.js';
import type { BeginResponse, EndResponse } from '../../../main/providers/entra/schemas.js';

const UPN = 'Pat@Contoso.example';
const begin = (patch: Partial<BeginResponse>): BeginResponse => ({
  value: 'Success',
  message: null,
  sessionId: 's1',
  authResult: 'true',
  upn: 'pat@contoso.example',
  affinityUrl: null,
  ...patch,
});
const end = (patch: Partial<EndResponse>): EndResponse => ({
  value: 'Success',
  message: null,
  authResult: 'true',
  upn: null,
  ...patch,
});

function finalOf(reading: { kind: string; outcome?: { status: string; code: string } }) {
  expect(reading.kind).toBe('final');
  return reading.outcome!;
}

const syncBegin = (patch: Partial<BeginResponse>) => finalOf(interpretBegin(begin(patch), UPN, true));

describe('fail-closed outcome mapping', () => {
  it('approves only Success + "true" + the same UPN (case-insensitive)', () => {
    expect(syncBegin({})).toMatchObject({ status: 'approved', code: 'Success' });
    expect(syncBegin({ upn: 'other@contoso.example' })).toMatchObject({ status: 'error', code: 'subject_mismatch' });
    expect(syncBegin({ upn: null })).toMatchObject({ status: 'error', code: 'subject_mismatch' });
    expect(syncBegin({ authResult: 'false' })).toMatchObject({ status: 'error', code: 'success_not_approved' });
    expect(syncBegin({ authResult: null })).toMatchObject({ status: 'error', code: 'missing_result' });
    expect(syncBegin({ authResult: 'TRUE ' })).toMatchObject({ status: 'error', code: 'unexpected_result' });
  });

  it('treats "challenge" as a code request, never as approval', () => {
    expect(interpretBegin(begin({ authResult: 'challenge' }), UPN, true)).toEqual({ kind: 'challenge' });
    expect(syncBegin({ authResult: 'challenge', sessionId: null }).code).toBe('malformed_response');
    const endChallenge = finalOf(interpretEnd(end({ authResult: 'challenge' }), UPN, UPN));
    expect(endChallenge).toMatchObject({ status: 'error', code: 'unexpected_result' });
  });

  it('keeps polling only on an async pending answer', () => {
    expect(interpretBegin(begin({ authResult: null }), UPN, false)).toEqual({ kind: 'pending' });
    const pending = end({ value: 'AuthenticationPending', authResult: null });
    expect(interpretEnd(pending, UPN, UPN)).toEqual({ kind: 'pending' });
    const wrong = end({ value: 'OathCodeIncorrect', authResult: 'false' });
    expect(interpretEnd(wrong, UPN, UPN)).toEqual({ kind: 'wrong_code' });
  });

  it('approves an End only when the confirmed UPN matches', () => {
    expect(finalOf(interpretEnd(end({}), UPN, 'PAT@contoso.example')).status).toBe('approved');
    expect(finalOf(interpretEnd(end({}), UPN, null)).code).toBe('subject_mismatch');
    expect(finalOf(interpretEnd(end({ upn: 'eve@contoso.example' }), UPN, UPN)).code).toBe('subject_mismatch');
  });

  it('maps denial, fraud, timeout and lockout values with the right next steps', () => {
    expect(resultOutcome('PhoneAppDenied', null)).toMatchObject({ status: 'denied', nextSteps: DENIAL_STEPS });
    for (const value of ['PhoneAppFraudReported', 'FraudCodeEntered']) {
      expect(resultOutcome(value, null)).toMatchObject({ status: 'fraud', code: value, nextSteps: DENIAL_STEPS });
    }
    for (const value of ['PhoneAppNoResponse', 'SMSAuthFailedNoResponseTimeout']) {
      expect(resultOutcome(value, null).status).toBe('timeout');
    }
    const lockouts = [
      'OathCodeFailedMaxAllowedRetryReached',
      'SMSAuthFailedMaxAllowedCodeRetryReached',
      'AuthenticationMethodLocked',
    ];
    for (const value of lockouts) expect(resultOutcome(value, null).status).toBe('locked_out');
  });

  it('maps every documented error value to a specific title, and unknown values to their raw code', () => {
    const errors = [
      'UserNotFound',
      'BecAccessDenied',
      'AccessDenied',
      'NoDefaultAuthenticationMethodIsConfigured',
      'AuthenticationMethodNotConfigured',
      'AuthenticationMethodNotSupported',
      'AuthenticationThrottled',
      'AuthenticationMethodLimitReached',
      'InvalidSession',
      'UserIsBlocked',
      'TenantIsBlocked',
      'ProofDataNotFound',
      'InvalidParameter',
      'InternalError',
      'VersionNotSupported',
      'PhoneAppEntropyIncorrect',
      'PhoneAppNotificationFailed',
      'UserVoiceAuthFailedPhoneUnreachable',
      'UserVoiceAuthFailedCallWentToVoicemail',
    ];
    for (const value of errors) {
      const outcome = resultOutcome(value, null);
      expect(outcome.status).toBe('error');
      expect(outcome.code).toBe(value);
      expect(outcome.title).not.toBe('Entra ID gave an answer the app does not know');
      expect(outcome.nextSteps).toBeTruthy();
    }
    const unknown = resultOutcome('SomethingNew', 'line1\r\nline2');
    expect(unknown).toMatchObject({ status: 'error', code: 'SomethingNew' });
    // The raw code goes to the audit detail; the agent reads plain words.
    expect(unknown.detail).toContain('SomethingNew');
    expect(unknown.detail).not.toMatch(/[\r\n]/);
    expect(unknown.message).not.toContain('SomethingNew');
    expect(resultOutcome('toString', null).title).toBe('Entra ID gave an answer the app does not know');
  });
});
