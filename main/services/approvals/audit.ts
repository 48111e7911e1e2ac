/**
 * Audit entries of the approvals flow, through the request log (made tamper-evident underneath it): every
 * request to Auth0 is begun before it is sent and finished with its outcome; releases, approvals, lapses,
 * refusals, receipts and deep links are recorded. Never a password, code, token or recovery code: the
 * approver's name, the release reference, factor names, subjects, hashes and Auth0's error codes only.
 */
import type { AuditEvent } from '../../../contract/audit.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Release } from './release.js';

export interface AuditDeps {
  log: RequestLog;
  logger: Logger;
  onAuditChange(): void;
}

export interface ApprovalAudit {
  /** Begins an entry for a request about to be sent; refuses (nothing sent) when the log cannot be written. */
  begin(release: Release, action: string, target: string | null, refs?: Record<string, string>): string;
  finish(id: string, outcome: string, code?: string | null, detail?: string | null, refs?: Record<string, string>): void;
  record(release: Release | null, action: string, outcome: string, detail?: string | null, refs?: Record<string, string>, target?: string | null): void;
}

/** The event type (contract/audit.ts) of each standalone approvals entry, so SIEM rules can tell them apart. */
const RECORD_EVENTS: Record<string, AuditEvent> = {
  'approval.release': 'sensitive_create',
  'approval.discard': 'sensitive_delete',
  'approval.approve': 'authn_mfa_success',
  // The same person twice: an authorization refused, not a failed second factor.
  'approval.refused': 'authz_fail',
  'approval.lapsed': 'sensitive_update',
  'approval.cancel': 'authn_mfa_fail',
  'approval.receipt': 'sensitive_create',
  'approval.receipt.export': 'sensitive_read',
  'approval.key.export': 'sensitive_read',
  'approval.enroll.setup_key': 'sensitive_read',
  'approval.recovery_code': 'sensitive_read',
};

function recordEvent(action: string, outcome: string): AuditEvent | undefined {
  if (action === 'approval.link') return outcome === 'accepted' ? 'sensitive_read' : 'input_validation_fail';
  return RECORD_EVENTS[action];
}

function entry(release: Release | null, action: string, target: string | null, refs: Record<string, string>, event?: AuditEvent) {
  const typed = event ? { event } : {};
  if (!release) return { action, target, refs, ...typed };
  const t = release.transaction;
  return {
    action,
    target,
    sandbox: release.sandbox,
    profileId: release.profileId,
    profileName: release.profileName,
    ticket: t.reference,
    reason: `Payment release of ${t.amount} ${t.currency} to ${t.beneficiary}`,
    refs: { releaseId: release.id, txHash: release.hash.hash, ...refs },
    ...typed,
  };
}

export function createApprovalAudit(deps: AuditDeps): ApprovalAudit {
  return {
    begin(release, action, target, refs = {}) {
      try {
        return deps.log.begin(entry(release, action, target, refs));
      } catch (error) {
        deps.logger.log('error', 'audit_write_failed', { error: error instanceof Error ? error.message : 'unknown' });
        throw new AppError('internal', 'The request log could not be written, so nothing was sent. Check the disk and try again.');
      }
    },
    finish(id, outcome, code = null, detail = null, refs = {}) {
      deps.log.finish(id, { outcome, outcomeCode: code, detail, refs });
      deps.onAuditChange();
    },
    record(release, action, outcome, detail = null, refs = {}, target = null) {
      deps.log.record(entry(release, action, target, refs, recordEvent(action, outcome)), { outcome, detail });
      deps.onAuditChange();
    },
  };
}
