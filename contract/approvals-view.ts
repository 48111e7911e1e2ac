/**
 * What the Approvals screen may know: releases, the step-up in progress, approvals and receipts. Never a
 * password, token, OTP, mfa_token or oob_code; a recovery code or setup key only through the one call that
 * reveals it (approvals:takeRecoveryCode, approvals:setupKey), never in these views or in events.
 */
import type { ReleaseDraft } from './approvals.js';

export type StepUpFactorView = 'otp' | 'push' | 'sms' | 'voice' | 'email' | 'recovery-code';

export const stepUpStatuses = [
  'signing_in',
  'choose_factor',
  'challenging',
  'awaiting_code',
  'awaiting_push',
  'verifying',
  'enroll',
  'enrolling',
  'enrolled',
  'approved',
  'refused',
  'failed',
  'cancelled',
] as const;
/**
 * approved: this approver's step-up counted for the release. enrolled: a first factor was enrolled; it does
 * not approve anything. refused: the step-up succeeded but may not count (the same person twice).
 */
export type StepUpStatus = (typeof stepUpStatuses)[number];

export interface AuthenticatorView {
  id: string;
  factor: StepUpFactorView;
  label: string;
}

export interface StepUpView {
  id: string;
  /** The approver's sign-in name, as typed. */
  username: string;
  status: StepUpStatus;
  authenticators: AuthenticatorView[];
  /** The factor being completed. */
  factor: StepUpFactorView | null;
  /** What the approver types while awaiting_code: an app code, the code sent to them, or a recovery code. */
  codeKind: 'otp' | 'binding' | 'recovery' | null;
  /** Headline, words and next step of the current state or failure; technical detail goes to the audit log. */
  title: string | null;
  message: string | null;
  nextSteps: string | null;
  /** Push polls sent so far. */
  polls: number;
  /** When Auth0 stops accepting this sign-in's second factor. */
  signInExpiresAt: string | null;
  enrollment: { kind: 'otp' | 'push' | 'sms'; qrPng: string | null; setupKeyAvailable: boolean } | null;
  /**
   * A new recovery code: `waiting` to be shown (approvals:takeRecoveryCode answers it exactly once), then
   * `shown` until the approver confirms they stored it (approvals:ackRecoveryCode).
   */
  recoveryCode: 'waiting' | 'shown' | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ApprovalView {
  /** The approver's Auth0 subject (the ID token's sub). */
  subject: string;
  email: string | null;
  factor: StepUpFactorView;
  approvedAt: string;
  /** The approval lapses at this time unless the release is complete. */
  expiresAt: string;
}

export interface ReleaseView {
  id: string;
  profileId: string;
  profileName: string;
  /** Approved through a simulated tenant: proves nothing about real approvers. */
  sandbox: boolean;
  reference: string;
  /** Normalised to the currency's minor units, e.g. 12500.00. */
  amount: string;
  currency: string;
  beneficiary: string;
  accountType: 'iban' | 'account';
  account: string;
  purpose: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of the transaction. */
  hash: string;
  /** The first 40 bits of the hash in Base32, as XXXX-XXXX: what the approver compares. */
  shortHash: string;
  requiredApprovers: 1 | 2;
  /** Why one or two approvers, in plain words. */
  rule: string;
  windowMinutes: number;
  approvals: ApprovalView[];
  status: 'open' | 'approved' | 'discarded';
  /** Something the approver must know (an approval lapsed, the same person twice). */
  notice: string | null;
  stepUp: StepUpView | null;
  receiptId: string | null;
  createdAt: string;
}

export interface ReceiptApproverView {
  subject: string;
  email: string | null;
  factor: StepUpFactorView;
  approvedAt: string;
}

export interface ReceiptView {
  id: string;
  reference: string;
  amount: string;
  currency: string;
  beneficiary: string;
  shortHash: string;
  hash: string;
  approvers: ReceiptApproverView[];
  issuedAt: string;
  expiresAt: string;
  sandbox: boolean;
  /** Key id (RFC 7638 thumbprint) of the app key that signed it. */
  keyId: string;
}

/** A receipt with its compact JWS, for copying and export. */
export interface ReceiptDetailView extends ReceiptView {
  jws: string;
}

export interface PublicKeyView {
  keyId: string;
  /** SPKI PEM of the Ed25519 public key. */
  pem: string;
  /** The public JWK as JSON text. */
  jwk: string;
}

export interface ApprovalsView {
  releases: ReleaseView[];
  /** Newest first, at most 100. */
  receipts: ReceiptView[];
}

/** A deep link as main read it: the pre-fill, or why it was refused. */
export type LinkView = { ok: true; draft: ReleaseDraft } | { ok: false; message: string };
