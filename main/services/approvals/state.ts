/**
 * One approver's step-up as the approvals service holds it, in main-process memory only. The session and
 * challenge are the provider's opaque handles (the mfa_token and oob_code never leave the provider module);
 * the setup key and recovery codes stay here until shown once, and all of it is dropped when the step-up ends.
 */
import type { StepUpStatus } from '../../../contract/approvals-view.js';
import type { StepUpAuthenticator, StepUpChallenge, StepUpFactor, StepUpFailure, StepUpProvider, StepUpSession } from '../../providers/step-up.js';

export interface Words {
  title: string | null;
  message: string | null;
  nextSteps: string | null;
}

export interface StepUp {
  id: string;
  releaseId: string;
  username: string;
  provider: StepUpProvider;
  status: StepUpStatus;
  authenticators: StepUpAuthenticator[];
  session: StepUpSession | null;
  challenge: StepUpChallenge | null;
  factor: StepUpFactor | null;
  words: Words;
  polls: number;
  /** Aborts a push wait (cancel, discard, shutdown). */
  controller: AbortController;
  enrollment: { kind: 'otp' | 'push' | 'sms'; qrPng: string | null; setupKey: string | null; recoveryCode: string | null } | null;
  /** A recovery code not yet shown; once shown it is dropped and only `recoveryShown` remains until confirmed. */
  recoveryCode: string | null;
  recoveryShown: boolean;
  /** The request-log row of the step in progress (sign-in, challenge, code, enrollment). */
  logId: string | null;
  startedAt: number;
  endedAt: number | null;
}

/** Statuses in which the step-up waits for the approver or Auth0; everything else is final. */
export const LIVE: readonly StepUpStatus[] = ['signing_in', 'choose_factor', 'challenging', 'awaiting_code', 'awaiting_push', 'verifying', 'enroll', 'enrolling'];

export const isLive = (stepUp: StepUp): boolean => LIVE.includes(stepUp.status);

export const wordsOf = (failure: StepUpFailure): Words => ({ title: failure.title, message: failure.message, nextSteps: failure.nextSteps });

export const NO_WORDS: Words = { title: null, message: null, nextSteps: null };
