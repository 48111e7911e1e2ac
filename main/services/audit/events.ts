/** Which event type (contract/audit.ts) an app action is recorded as. One table, so SIEM rules stay stable. */
import type { AuditEvent } from '../../../contract/audit.js';

const recordEvents: Record<string, AuditEvent> = {
  'profile.create': 'sensitive_create',
  'profile.update': 'sensitive_update',
  'profile.remove': 'sensitive_delete',
  'secret.set': 'authn_token_created',
  'secret.delete': 'authn_token_delete',
  'sandbox.enable': 'sensitive_update',
  'sandbox.disable': 'sensitive_update',
};

/**
 * A request about to reach a provider, or a change about to be made (changes are written ahead of the change,
 * see services/audited-change.ts, under their own event type).
 */
export const eventForStart = (action = ''): AuditEvent => recordEvents[action] ?? 'authn_mfa_request';

/** The outcome of a request started with `action`. Only an explicit approval is a success. */
export function eventForOutcome(action: string, outcome: string): AuditEvent {
  const change = recordEvents[action];
  if (change) return change;
  if (action === 'verify.methods') return 'sensitive_read';
  if (action.startsWith('approval.')) return approvalStepEvent(action, outcome);
  // Enrollment: the first code confirmed creates an MFA credential; a QR shown or a wrong code is a step on
  // the way; anything else ended the enrollment without one.
  if (action.startsWith('enroll.')) {
    if (outcome === 'enrolled') return 'authn_token_created';
    return outcome === 'qr_shown' || outcome === 'wrong_code' ? 'authn_mfa_request' : 'authn_mfa_fail';
  }
  if (action === 'connection.test') return outcome === 'success' ? 'authn_login_success' : 'authn_login_fail';
  return outcome === 'approved' ? 'authn_mfa_success' : 'authn_mfa_fail';
}

/** True for a configuration change (not a request to a provider). */
export const isChangeAction = (action: string): boolean => Object.hasOwn(recordEvents, action);

/** A standalone change (configuration, secrets, settings). */
export function eventForRecord(action: string): AuditEvent {
  return recordEvents[action] ?? 'sensitive_update';
}

/**
 * A step of a finance approver's step-up: the password accepted (mfa_required) is a login success, a second
 * factor verified is an MFA success, a challenge or enrollment started is a request; anything else failed.
 */
function approvalStepEvent(action: string, outcome: string): AuditEvent {
  if (action === 'approval.signin') return outcome === 'mfa_required' ? 'authn_login_success' : 'authn_login_fail';
  if (outcome === 'verified') return 'authn_mfa_success';
  return outcome === 'challenged' || outcome === 'started' ? 'authn_mfa_request' : 'authn_mfa_fail';
}
