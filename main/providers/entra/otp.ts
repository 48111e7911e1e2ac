/**
 * OTP verification: look up the user's methods, pick Authenticator code or text message, and Begin with
 * OverrideNumberMatchingWithOTP=true so Entra answers "challenge" instead of sending a push.
 */
import type { ProviderRefs, StartRequest, StepResult } from '../types.js';
import { chooseEndUrl } from './affinity.js';
import { challengeStep } from './challenge.js';
import { addBeginRefs, finalStep, type EntraContext } from './context.js';
import { chooseOtpMethod, methodPhone } from './methods.js';
import { appError, interpretBegin, resultOutcome, sameUpn, upnMismatch } from './outcomes.js';

/** Starts a code challenge, or ends with the reason one cannot be started. */
export async function startOtp(ctx: EntraContext, request: StartRequest): Promise<StepResult> {
  const { contextId, signal } = request;
  const upn = request.subject.raw.trim();
  const refs: ProviderRefs = { contextId };
  const listed = await ctx.client.getAvailableMethods(upn, contextId, signal);
  if (!listed.ok) return finalStep(listed.outcome, refs);
  if (listed.value.value !== 'Success') return finalStep(resultOutcome(listed.value.value, listed.value.message), refs);
  if (listed.value.upn !== null && !sameUpn(listed.value.upn, upn)) return finalStep(upnMismatch(), refs);
  const choice = chooseOtpMethod(listed.value.methods);
  if (!choice) {
    const none = appError(
      'no_otp_method',
      'The account has no code method',
      'The account holder has neither an Authenticator code nor a text-message method registered, so there is no code to check.',
      'Use push verification, or verify the caller another way.',
    );
    return finalStep(none, refs);
  }
  const begun = await ctx.client.begin(
    { upn, contextId, methodId: choice.id, overrideNumberMatchingWithOtp: true, syncCall: false },
    signal,
    ctx.options.requestTimeoutMs,
  );
  if (!begun.ok) return finalStep(begun.outcome, refs);
  addBeginRefs(refs, begun.value);
  const reading = interpretBegin(begun.value, upn, false);
  if (reading.kind === 'final' && reading.outcome.status !== 'approved') return finalStep(reading.outcome, refs);
  if (reading.kind !== 'challenge') {
    // Why: in OTP mode only a code checked by End may approve; anything else fails closed.
    const noChallenge = appError(
      'no_challenge',
      'Not verified',
      'Entra ID did not ask for a code, so nothing was verified.',
      'Start a new verification, or use push verification.',
    );
    return finalStep(noChallenge, refs);
  }
  const phone = methodPhone(choice.method) ?? 'the user’s mobile phone';
  const message =
    choice.id === 'PhoneAppOTP'
      ? 'Ask the caller to read out the 6-digit code shown in Microsoft Authenticator.'
      : `A text message with a code was sent to ${phone}. Ask the caller to read out the code.`;
  const state = {
    sessionId: begun.value.sessionId!,
    endUrl: chooseEndUrl(begun.value.affinityUrl, ctx.endpoints),
    method: choice.id,
    upn,
    beginUpn: begun.value.upn,
    wrongCodes: 0,
  };
  return challengeStep(ctx, state, refs, message);
}
