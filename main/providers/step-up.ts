/**
 * The step-up capability of a provider module: the signed-in user (a finance approver) proves a second factor
 * for themselves. Unlike caller verification, nobody pushes to someone else's phone: the approver types their
 * own password, picks one of their own authenticators and completes it. The approvals service drives a
 * provider through StepUpProvider only; sessions, challenges and enrollments are opaque handles whose
 * contents (mfa_token, oob_code) never leave the provider module.
 */
import type { ConnectionTestView } from '../../contract/domain.js';

export type StepUpFactor = 'otp' | 'push' | 'sms' | 'voice' | 'email' | 'recovery-code';

/** One enrolled authenticator as the approver may see it (phone numbers and addresses already masked). */
export interface StepUpAuthenticator {
  /** The provider's authenticator id (a reference, not a secret). */
  id: string;
  factor: StepUpFactor;
  label: string;
}

/** Why a step-up did not succeed: plain words for the approver, technical detail for the audit entry only. */
export interface StepUpFailure {
  /** A stable code: wrong_password, invalid_otp, push_rejected, expired_mfa_token, … */
  code: string;
  title: string;
  message: string;
  nextSteps: string | null;
  detail: string | null;
}

/** The approver's first-factor sign-in at the provider. Opaque: only the provider that issued it reads it. */
export interface StepUpSession {
  /** Clock time after which the provider no longer accepts the session (Auth0: 10 minutes, not configurable). */
  readonly expiresAt: number;
}

/** What the approver does next for a challenge: type a code, type the code sent to them, or answer a push. */
export type ChallengeInput = 'code' | 'binding' | 'recovery' | 'push';

/** One challenge (or the confirmation of an enrollment). Opaque apart from what the screen needs. */
export interface StepUpChallenge {
  readonly factor: StepUpFactor;
  readonly input: ChallengeInput;
}

declare const verifiedApprover: unique symbol;

/** Who proved the factor, from the provider's signed answer. Only a provider's own ID token check creates one. */
export interface VerifiedApprover {
  readonly [verifiedApprover]: true;
  /** The provider's subject (Auth0: the ID token's sub); approvers are told apart by this alone. */
  subject: string;
  issuer: string;
  email: string | null;
  /** How the answer was checked (key, algorithm), for the audit entry. */
  detail: string;
}

export type StepUpFailed = { kind: 'failed'; failure: StepUpFailure };

export type SignInResult =
  /** Password accepted, second factor required; `authenticators` is empty when the approver must enroll first. */
  | { kind: 'mfa'; session: StepUpSession; authenticators: StepUpAuthenticator[] }
  | StepUpFailed;

export type ChallengeResult =
  | { kind: 'challenge'; challenge: StepUpChallenge }
  /** This authenticator cannot be used; the approver may choose another one. */
  | { kind: 'unavailable'; failure: StepUpFailure }
  /** The provider says the approver must enroll an authenticator first. */
  | { kind: 'enroll'; failure: StepUpFailure }
  | StepUpFailed;

export type FactorResult =
  | { kind: 'verified'; approver: VerifiedApprover; factor: StepUpFactor; newRecoveryCode: string | null }
  /** The code was wrong; the approver may type it again. */
  | { kind: 'retry'; failure: StepUpFailure }
  | StepUpFailed;

export type EnrollRequest = { kind: 'otp' } | { kind: 'push' } | { kind: 'sms'; phoneNumber: string };

export type EnrollResult =
  | {
      kind: 'started';
      /** How the enrollment is confirmed: a code from the new app (otp), the phone's scan (push), the SMS code (sms). */
      challenge: StepUpChallenge;
      /** What the QR code encodes (otpauth URI); drawn in main, never sent to the renderer as text. */
      qrText: string | null;
      /** The OTP secret as text, shown only when the approver asks for the setup key. */
      setupKey: string | null;
      /** The recovery code of a first enrollment, shown once after confirmation. */
      recoveryCode: string | null;
    }
  | StepUpFailed;

export interface PushWait {
  signal: AbortSignal;
  /** Called after every poll with the number sent so far. */
  onPoll?(polls: number): void;
}

/** The approval rules a step-up profile sets. */
export interface ApprovalPolicy {
  /** Releases above this amount (whole units of `currency`) need two different approvers. */
  threshold: number;
  currency: string;
  /** How long an approval stays valid while the release waits for its other approver. */
  windowMinutes: number;
}

export interface StepUpProvider {
  readonly policy: ApprovalPolicy;
  /** First factor: the password grant (or password-realm). The password is used for this one request only. */
  signIn(request: { username: string; password: string; signal: AbortSignal }): Promise<SignInResult>;
  /** Starts one authenticator's challenge (a push or text message goes out here). */
  challenge(session: StepUpSession, authenticator: StepUpAuthenticator, signal: AbortSignal): Promise<ChallengeResult>;
  /** Checks a typed code: OTP, the binding code of a text message or call, or a recovery code. */
  submitCode(session: StepUpSession, challenge: StepUpChallenge, code: string, signal: AbortSignal): Promise<FactorResult>;
  /** Polls for the push answer with the shared poller until an answer, the session's expiry, or cancel. */
  waitForPush(session: StepUpSession, challenge: StepUpChallenge, wait: PushWait): Promise<FactorResult>;
  /** Enrolls a first authenticator for an approver who has none. */
  enroll(session: StepUpSession, request: EnrollRequest, signal: AbortSignal): Promise<EnrollResult>;
  /** Drops what the provider holds for a session (its token) at once. */
  forget(session: StepUpSession): void;
  testConnection(signal: AbortSignal): Promise<ConnectionTestView>;
}
