/**
 * The opaque handles the approvals service holds: a session (the mfa_token and the client authentication
 * built for it) and a challenge (its oob_code). Their contents live only here, in main-process memory, and
 * only for as long as the service keeps the handle; `forget` drops a session's token at once. A handle is
 * bound to the provider instance that issued it, so one profile's token can never be sent to another tenant.
 */
import type { ClientAuth } from 'openid-client';
import type { ChallengeInput, StepUpChallenge, StepUpFactor, StepUpSession } from '../step-up.js';

interface SessionState {
  owner: object;
  mfaToken: string;
  auth: ClientAuth;
}

interface ChallengeState {
  owner: object;
  /** The oob_code to redeem (push, SMS, voice, email, or an enrollment); null for OTP and recovery codes. */
  oobCode: string | null;
}

const sessions = new WeakMap<StepUpSession, SessionState>();
const challenges = new WeakMap<StepUpChallenge, ChallengeState>();

/** A new session handle for `owner` (the provider instance). */
export function newSession(owner: object, mfaToken: string, auth: ClientAuth, expiresAt: number): StepUpSession {
  const session: StepUpSession = Object.freeze({ expiresAt });
  sessions.set(session, { owner, mfaToken, auth });
  return session;
}

/** What a session holds, when `owner` issued it and it was not forgotten. */
export function sessionState(owner: object, session: StepUpSession): SessionState | null {
  const state = sessions.get(session);
  return state && state.owner === owner ? state : null;
}

export function forgetSession(session: StepUpSession): void {
  sessions.delete(session);
}

export function newChallenge(owner: object, factor: StepUpFactor, input: ChallengeInput, oobCode: string | null): StepUpChallenge {
  const challenge: StepUpChallenge = Object.freeze({ factor, input });
  challenges.set(challenge, { owner, oobCode });
  return challenge;
}

export function challengeState(owner: object, challenge: StepUpChallenge): ChallengeState | null {
  const state = challenges.get(challenge);
  return state && state.owner === owner ? state : null;
}
