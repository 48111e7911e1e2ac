/**
 * What a verified step-up does to a release: it approves exactly the transaction shown (its hash was checked
 * at sign-in and cannot change), once per person (four eyes: a second approval by the same Auth0 subject is
 * refused), each approval lapsing after the profile's window unless the release is complete; when enough
 * different approvers have approved, the receipt is signed.
 */
import { AppError } from '../errors.js';
import type { VerifiedApprover, StepUpFactor } from '../../providers/step-up.js';
import type { ApprovalAudit } from './audit.js';
import { issueReceipt } from './receipts/issue.js';
import { loadSigningKey } from './receipts/signing-key.js';
import type { ReceiptStore } from './receipts/store.js';
import type { Release } from './release.js';
import type { SecretStore } from '../secrets.js';
import { KeychainUnavailableError } from '../secrets.js';

export interface ApproveDeps {
  audit: ApprovalAudit;
  receipts: ReceiptStore;
  secrets: SecretStore;
  now(): number;
}

const name = (a: { email: string | null; subject: string }): string => a.email ?? a.subject;

/** Drops approvals whose window has passed while the release is still open; true when any lapsed. */
export function expireLapsed(release: Release, deps: Pick<ApproveDeps, 'audit' | 'now'>): boolean {
  if (release.status !== 'open') return false;
  const now = deps.now();
  const lapsed = release.approvals.filter((a) => now >= a.expiresAt);
  if (lapsed.length === 0) return false;
  release.approvals = release.approvals.filter((a) => now < a.expiresAt);
  release.notice = `The approval by ${lapsed.map(name).join(' and ')} lapsed: the release was not complete within ${release.windowMinutes} minutes. Approve it again.`;
  for (const a of lapsed) deps.audit.record(release, 'approval.lapsed', 'expired', `approval window of ${release.windowMinutes} minutes passed`, { subject: a.subject });
  return true;
}

export type ApproveResult = { kind: 'approved'; complete: boolean } | { kind: 'refused'; reason: string };

/** Adds the approver's approval, or refuses it; signs the receipt when the release is complete. */
export async function approveWith(release: Release, approver: VerifiedApprover, factor: StepUpFactor, deps: ApproveDeps): Promise<ApproveResult> {
  expireLapsed(release, deps);
  if (release.status !== 'open') return { kind: 'refused', reason: 'This release is no longer open, so nothing was approved.' };
  // Why by issuer and subject: the subject is what Auth0 signed; an email or a typed name could repeat or differ.
  if (release.approvals.some((a) => a.subject === approver.subject && a.issuer === approver.issuer)) {
    deps.audit.record(release, 'approval.refused', 'refused', 'same approver twice', { subject: approver.subject });
    return { kind: 'refused', reason: 'You have already approved this release. A second, different person must approve it.' };
  }
  const now = deps.now();
  release.approvals.push({ subject: approver.subject, issuer: approver.issuer, email: approver.email, factor, approvedAt: now, expiresAt: now + release.windowMinutes * 60_000 });
  release.notice = null;
  deps.audit.record(release, 'approval.approve', 'approved', approver.detail, { subject: approver.subject, factor }, approver.email ?? approver.subject);
  if (release.approvals.length < release.requiredApprovers) return { kind: 'approved', complete: false };
  await signReceipt(release, deps);
  return { kind: 'approved', complete: true };
}

/** Signs and stores the receipt of a complete release; on a keychain failure the release waits for a retry. */
export async function signReceipt(release: Release, deps: ApproveDeps): Promise<void> {
  if (release.status !== 'open' || release.approvals.length < release.requiredApprovers) throw new AppError('conflict', 'This release does not have all its approvals.');
  try {
    const issued = await issueReceipt(release, await loadSigningKey(deps.secrets), deps.now());
    deps.receipts.save(issued);
    release.status = 'approved';
    release.receiptId = issued.payload.jti;
    release.notice = null;
    const approvers = release.approvals.map((a) => a.subject).join(' ');
    deps.audit.record(release, 'approval.receipt', 'issued', `receipt ${issued.payload.jti} signed with key ${issued.keyId}`, { receiptId: issued.payload.jti, keyId: issued.keyId, approvers });
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    release.notice = `All approvals are in, but the receipt could not be signed: ${error.message} Then choose “Sign the receipt”.`;
    deps.audit.record(release, 'approval.receipt', 'failure', 'keychain unavailable for the signing key');
  }
}
