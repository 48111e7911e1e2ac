/**
 * Plain words for the audit event types. Typed against the contract's list, so a new event type cannot be
 * added in main without a label here (the compiler refuses).
 */
import type { AuditEvent } from '../../../contract/audit';

export const eventLabels: Record<AuditEvent, string> = {
  sys_startup: 'App started',
  sys_shutdown: 'App stopped',
  sys_crash: 'App crashed',
  authz_fail: 'Request refused (not permitted)',
  authz_admin: 'Administrator acknowledged an integrity problem',
  input_validation_fail: 'Invalid request refused',
  excess_rate_limit_exceeded: 'Push limit reached',
  authn_login_success: 'Signed in, or connection test passed',
  authn_login_fail: 'Sign-in or connection test failed',
  session_expired: 'Operator signed out or sign-in expired',
  authn_token_created: 'Secret stored',
  authn_token_delete: 'Secret removed',
  sensitive_create: 'Setting created',
  sensitive_update: 'Setting changed',
  sensitive_delete: 'Setting removed or entries pruned',
  sensitive_read: 'Methods looked up or log exported',
  authn_mfa_request: 'Request sent to the provider',
  authn_mfa_success: 'Approved by the provider',
  authn_mfa_fail: 'Not approved',
  sys_audit_init: 'Audit trail key started',
  sys_audit_checkpoint: 'Signed checkpoint',
  sys_audit_verify: 'Integrity check',
  policy_decision: 'Policy allowed or refused a request',
  target_locked: 'ACCOUNT LOCKED (fraud or repeated denials)',
  target_unlocked: 'Account lock cleared by an administrator',
  verification_token_issued: 'Verification token issued',
  verification_token_checked: 'Verification token checked',
  verification_second_approval: 'Second operator’s approval',
};

export const outcomeChoices = [
  'started', 'success', 'failure', 'approved', 'insufficient', 'denied', 'fraud', 'timeout', 'cancelled', 'locked_out', 'wrong_code', 'error', 'interrupted', 'refused',
  'allowed', 'locked', 'unlocked', 'issued', 'accepted',
] as const;
