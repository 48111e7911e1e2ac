/** A policy refusal: which rule, the error code for the transport, the field it concerns and plain words. */
import type { ErrorCode } from '../../../contract/domain.js';
import { AppError } from '../errors.js';

export type Rule =
  | 'reason_missing'
  | 'reason_unlisted'
  | 'reason_too_short'
  | 'ticket_missing'
  | 'ticket_format'
  | 'provider_not_allowed'
  | 'profile_not_allowed'
  | 'target_locked'
  | 'cooldown'
  | 'target_hourly_cap'
  | 'operator_rate'
  | 'lookup_operator_limit'
  | 'lookup_target_limit'
  | 'second_method'
  | 'second_approval'
  | 'managed_setting'
  | 'not_admin'
  | 'unmanaged';

export interface Refusal {
  rule: Rule;
  code: ErrorCode;
  /** The form field the refusal belongs to, or null for the form as a whole. */
  field: 'profile' | 'subject' | 'reasonType' | 'reason' | 'ticket' | null;
  /** With a field: a fragment that follows the field's label; without: whole sentences. */
  message: string;
  /** Facts for the audit entry (counts, times); never shown as the headline. */
  data?: Record<string, unknown>;
}

/** Rate rules are recorded under the OWASP event SIEM rules already watch for. */
export const RATE_RULES: ReadonlySet<Rule> = new Set<Rule>(['cooldown', 'target_hourly_cap', 'operator_rate', 'lookup_operator_limit', 'lookup_target_limit']);

/** The refusal as the AppError a handler answers with ("field: fragment" when it names a field). */
export function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.field ? `${refusal.field}: ${refusal.message}` : refusal.message);
}

/** "1 minute 40 seconds", "45 seconds", "2 hours": a wait in words. */
export function durationWords(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string): string => (n === 0 ? '' : `${n} ${unit}${n === 1 ? '' : 's'}`);
  if (hours > 0) return [part(hours, 'hour'), part(minutes, 'minute')].filter(Boolean).join(' ');
  return [part(minutes, 'minute'), part(seconds, 'second')].filter(Boolean).join(' ');
}
