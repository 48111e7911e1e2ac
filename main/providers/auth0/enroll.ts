/**
 * A first authenticator for an approver who has none, through POST /mfa/associate with the mfa_token
 * (providers.md §1.6): OTP (secret and barcode URI), Guardian push (enrollment QR, confirmed when the phone
 * scans it) or SMS (confirmed with the code sent). The answer becomes a challenge the approver completes like
 * any other, and the recovery code of a first enrollment is handed on to be shown once.
 */
import type { EnrollRequest, EnrollResult, StepUpSession } from '../step-up.js';
import { readAnswer } from './answers.js';
import type { Auth0Context } from './context.js';
import { fail } from './failures.js';
import { newChallenge, sessionState } from './handles.js';
import { associateSchema } from './schemas.js';
import { send } from './transport.js';

/** E.164: a plus, then 7 to 15 digits. */
export const PHONE_PATTERN = /^\+[1-9]\d{6,14}$/;

function bodyFor(request: EnrollRequest): Record<string, unknown> {
  if (request.kind === 'otp') return { authenticator_types: ['otp'] };
  if (request.kind === 'push') return { authenticator_types: ['oob'], oob_channels: ['auth0'] };
  return { authenticator_types: ['oob'], oob_channels: ['sms'], phone_number: request.phoneNumber };
}

export async function enroll(ctx: Auth0Context, owner: object, session: StepUpSession, request: EnrollRequest, signal: AbortSignal): Promise<EnrollResult> {
  const state = sessionState(owner, session);
  if (!state) return { kind: 'failed', failure: fail.invalidSession('session not issued by this profile, or already ended') };
  if (ctx.deps.clock.now() >= session.expiresAt) return { kind: 'failed', failure: fail.expiredMfaToken('mfa_token older than 10 minutes (app clock); nothing sent') };
  if (request.kind === 'sms' && !PHONE_PATTERN.test(request.phoneNumber)) {
    return { kind: 'failed', failure: fail.requestRefused('not sent: phone number not in E.164 form') };
  }
  const answer = await send(ctx, { method: 'POST', path: 'associate', json: bodyFor(request), bearer: state.mfaToken, auth: state.auth, signal });
  const reading = readAnswer(ctx, answer, 'associate');
  if (reading.kind !== 'ok') return { kind: 'failed', failure: 'failure' in reading ? reading.failure : fail.unexpected(reading.kind, null) };
  const parsed = associateSchema.safeParse(reading.body);
  if (!parsed.success) return { kind: 'failed', failure: fail.malformed('association answer of an unexpected shape') };
  const answered = parsed.data;
  const recoveryCode = answered.recovery_codes?.[0] ?? null;
  if (request.kind === 'otp') {
    if (answered.authenticator_type !== 'otp' || !answered.secret || !answered.barcode_uri) return { kind: 'failed', failure: fail.malformed('OTP association without secret or barcode_uri') };
    return { kind: 'started', challenge: newChallenge(owner, 'otp', 'code', null), qrText: answered.barcode_uri, setupKey: answered.secret, recoveryCode };
  }
  if (answered.authenticator_type !== 'oob' || !answered.oob_code) return { kind: 'failed', failure: fail.malformed('out-of-band association without an oob_code') };
  if (request.kind === 'push') {
    if (!answered.barcode_uri) return { kind: 'failed', failure: fail.malformed('push association without barcode_uri') };
    return { kind: 'started', challenge: newChallenge(owner, 'push', 'push', answered.oob_code), qrText: answered.barcode_uri, setupKey: null, recoveryCode };
  }
  if (answered.binding_method !== 'prompt') return { kind: 'failed', failure: fail.malformed('SMS association without binding_method prompt') };
  return { kind: 'started', challenge: newChallenge(owner, 'sms', 'binding', answered.oob_code), qrText: null, setupKey: null, recoveryCode };
}
