/**
 * The second factor: /mfa/challenge for the chosen authenticator, then the grant that completes it: the typed
 * OTP, the binding code of a text message or call, a recovery code, or the Guardian push polled through the
 * shared poller (authorization_pending and slow_down honoured, stopping on rejection, on the mfa_token's
 * expiry and on cancel). A code of the wrong form is refused before it is sent, so it costs no attempt.
 */
import { pollUntilDone, retryAfterMs, type PollAnswer } from '../shared/poller.js';
import type { ChallengeResult, FactorResult, PushWait, StepUpAuthenticator, StepUpChallenge, StepUpFailed, StepUpFailure, StepUpSession } from '../step-up.js';
import { readAnswer } from './answers.js';
import type { Auth0Context } from './context.js';
import { fail, type Stage } from './failures.js';
import { MFA_OOB_GRANT, MFA_OTP_GRANT, MFA_RECOVERY_GRANT, mfaGrant, type GrantReading } from './grant.js';
import { challengeState, newChallenge, sessionState } from './handles.js';
import { challengeSchema } from './schemas.js';
import { send } from './transport.js';

type Usable = { ok: true; mfaToken: string; auth: NonNullable<ReturnType<typeof sessionState>>['auth'] } | { ok: false; failure: StepUpFailure };

/** The session's contents, unless it is unknown, forgotten, or past Auth0's 10 minutes. */
function usable(ctx: Auth0Context, owner: object, session: StepUpSession): Usable {
  const state = sessionState(owner, session);
  if (!state) return { ok: false, failure: fail.invalidSession('session not issued by this profile, or already ended') };
  if (ctx.deps.clock.now() >= session.expiresAt) return { ok: false, failure: fail.expiredMfaToken('mfa_token older than 10 minutes (app clock); nothing sent') };
  return { ok: true, mfaToken: state.mfaToken, auth: state.auth };
}

/** Starts the challenge of one authenticator (a push or text message goes out here). */
export async function startChallenge(ctx: Auth0Context, owner: object, session: StepUpSession, authenticator: StepUpAuthenticator, signal: AbortSignal): Promise<ChallengeResult> {
  const state = usable(ctx, owner, session);
  if (!state.ok) return { kind: 'failed', failure: state.failure };
  // A recovery code needs no challenge: it is redeemed at the token endpoint directly.
  if (authenticator.factor === 'recovery-code') return { kind: 'challenge', challenge: newChallenge(owner, 'recovery-code', 'recovery', null) };
  const json = { mfa_token: state.mfaToken, challenge_type: authenticator.factor === 'otp' ? 'otp' : 'oob', authenticator_id: authenticator.id };
  const reading = readAnswer(ctx, await send(ctx, { method: 'POST', path: 'challenge', json, auth: state.auth, signal }), 'challenge');
  if (reading.kind === 'retry') return { kind: 'unavailable', failure: reading.failure };
  if (reading.kind === 'enroll') return { kind: 'enroll', failure: reading.failure };
  // Why: Auth0 sends the push while handling the challenge; an answer lost on the way back leaves it on the phone.
  const lost = (result: StepUpFailed): ChallengeResult => (authenticator.factor === 'push' ? pushAnswerLost(result) : result);
  if (reading.kind === 'failed') return lost(reading);
  if (reading.kind !== 'ok') return { kind: 'failed', failure: fail.unexpected(reading.kind, null) };
  const parsed = challengeSchema.safeParse(reading.body);
  if (!parsed.success) return lost({ kind: 'failed', failure: fail.malformed('challenge answer of an unexpected shape') });
  const { challenge_type, oob_code, binding_method } = parsed.data;
  if (authenticator.factor === 'otp') {
    return challenge_type === 'otp'
      ? { kind: 'challenge', challenge: newChallenge(owner, 'otp', 'code', null) }
      : { kind: 'failed', failure: fail.malformed('an OTP authenticator answered an out-of-band challenge') };
  }
  if (challenge_type !== 'oob' || !oob_code) return { kind: 'failed', failure: fail.malformed('out-of-band challenge without an oob_code') };
  const prompt = binding_method === 'prompt';
  // Why refuse a text message without a code prompt: redeeming it would need no proof that the phone got it.
  if (authenticator.factor !== 'push' && !prompt) return { kind: 'failed', failure: fail.malformed(`${authenticator.factor} challenge without binding_method prompt`) };
  return { kind: 'challenge', challenge: newChallenge(owner, authenticator.factor, prompt ? 'binding' : 'push', oob_code) };
}

const FORMATS = {
  code: { pattern: /^\d{6}$/, stage: 'otp', wrong: fail.invalidOtp },
  binding: { pattern: /^\d{4,8}$/, stage: 'binding', wrong: fail.invalidBindingCode },
  recovery: { pattern: /^[A-Z0-9]{8,64}$/, stage: 'recovery', wrong: fail.invalidRecoveryCode },
} as const;

/** Checks a typed code for an OTP, binding or recovery challenge. */
export async function submitCode(ctx: Auth0Context, owner: object, session: StepUpSession, challenge: StepUpChallenge, raw: string, signal: AbortSignal): Promise<FactorResult> {
  const state = usable(ctx, owner, session);
  if (!state.ok) return { kind: 'failed', failure: state.failure };
  const held = challengeState(owner, challenge);
  if (!held || challenge.input === 'push') return { kind: 'failed', failure: fail.invalidSession('challenge unknown or not one for a typed code') };
  const format = FORMATS[challenge.input];
  const code = challenge.input === 'recovery' ? raw.replace(/[\s-]/g, '').toUpperCase() : raw.trim();
  if (!format.pattern.test(code)) return { kind: 'retry', failure: format.wrong('not sent: the code has the wrong form') };
  const parameters: Record<string, string> =
    challenge.input === 'code' ? { otp: code } : challenge.input === 'recovery' ? { recovery_code: code } : { oob_code: held.oobCode ?? '', binding_code: code };
  const grant = challenge.input === 'code' ? MFA_OTP_GRANT : challenge.input === 'recovery' ? MFA_RECOVERY_GRANT : MFA_OOB_GRANT;
  const { reading } = await mfaGrant(ctx, state, grant, parameters, format.stage as Stage, signal);
  return toFactorResult(reading, challenge);
}

/** Polls for the push answer until an answer, the mfa_token's expiry, too many slow_downs, or cancel (rejects). */
export async function waitForPush(ctx: Auth0Context, owner: object, session: StepUpSession, challenge: StepUpChallenge, wait: PushWait): Promise<FactorResult> {
  const state = usable(ctx, owner, session);
  if (!state.ok) return { kind: 'failed', failure: state.failure };
  const held = challengeState(owner, challenge);
  if (!held?.oobCode || challenge.input !== 'push') return { kind: 'failed', failure: fail.invalidSession('challenge unknown or not a push') };
  const oobCode = held.oobCode;
  const end = await pollUntilDone<FactorResult>({
    clock: ctx.deps.clock,
    signal: wait.signal,
    intervalMs: ctx.tuning.pushIntervalMs,
    deadlineAt: session.expiresAt,
    poll: async (): Promise<PollAnswer<FactorResult>> => {
      const answer = await mfaGrant(ctx, state, MFA_OOB_GRANT, { oob_code: oobCode }, 'push', wait.signal);
      if (answer.reading.kind === 'pending') return { kind: 'pending' };
      if (answer.reading.kind === 'slow_down') return { kind: 'slow_down', retryAfterMs: retryAfterMs(answer.retryAfter, ctx.deps.clock.now()) };
      return { kind: 'done', value: pushAnswerLost(toFactorResult(answer.reading, challenge)) };
    },
    ...(wait.onPoll ? { onPoll: wait.onPoll } : {}),
  });
  if (end.kind === 'done') return end.value;
  if (end.kind === 'deadline') return { kind: 'failed', failure: fail.expiredMfaToken(`no push answer before the mfa_token expired (${end.polls} polls)`) };
  return { kind: 'failed', failure: fail.slowDown(end.polls) };
}

/** Failures where the push's answer was lost on the way (unreadable, a server error, no answer in time). */
const LOST = /^(malformed_response|http_\d{3}|timeout|network)$/;

/**
 * Why these words: the push is on the approver's phone and the app no longer waits for it. The guide's rule
 * holds here too: the approver is told the push no longer counts and to reject it, never to "try again".
 */
function pushAnswerLost<R extends { kind: string }>(result: R | StepUpFailed): R | StepUpFailed {
  if (result.kind !== 'failed' || !('failure' in result) || !LOST.test(result.failure.code)) return result;
  const failure = {
    ...result.failure,
    message: `${result.failure.message} Your push may still be on your phone; it no longer counts.`,
    nextSteps: 'Reject that push if it shows on your phone. Then sign in again to start over, and report this to your administrator if it happens again.',
  };
  return { kind: 'failed', failure };
}

function toFactorResult(reading: GrantReading, challenge: StepUpChallenge): FactorResult {
  switch (reading.kind) {
    case 'verified':
      return { kind: 'verified', approver: reading.approver, factor: challenge.factor, newRecoveryCode: reading.newRecoveryCode };
    case 'retry':
    case 'failed':
      return reading;
    case 'enroll':
      return { kind: 'failed', failure: reading.failure };
    default:
      return { kind: 'failed', failure: fail.unexpected(reading.kind, null) };
  }
}
