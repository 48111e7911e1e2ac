/**
 * Every policy decision is an audit entry: allowed or refused, the rule and the facts it used. Rate rules go
 * under `excess_rate_limit_exceeded` (the OWASP event SIEM rules already watch), everything else under
 * `policy_decision`.
 */
import type { AuditInput } from '../audit/entry.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import { RATE_RULES, type Refusal } from './refusal.js';

/** The request a decision is about, as the audit entry names it. */
export interface DecisionSubject {
  /** What was asked: `policy.verify`, `policy.lookup`, `policy.setting`, … */
  action: string;
  target?: string | null;
  targetCanonical?: string | null;
  profileId?: string | null;
  profileName?: string | null;
  provider?: string | null;
  endpointHost?: string | null;
  method?: string | null;
  reason?: string | null;
  ticket?: string | null;
  sandbox?: boolean;
  refs?: Record<string, string>;
}

const base = (subject: DecisionSubject): Omit<AuditInput, 'event' | 'outcome'> => ({
  action: subject.action,
  target: subject.target ?? null,
  targetCanonical: subject.targetCanonical ?? null,
  profileId: subject.profileId ?? null,
  profileName: subject.profileName ?? null,
  provider: subject.provider ?? null,
  endpointHost: subject.endpointHost ?? null,
  method: subject.method ?? null,
  reason: subject.reason ?? null,
  ticket: subject.ticket ?? null,
  sandbox: subject.sandbox === true,
  refs: subject.refs ?? {},
});

/** Records a refusal with its rule, its words and its facts. */
export function recordRefusal(log: RequestLog, subject: DecisionSubject, refusal: Refusal): void {
  log.append({
    ...base(subject),
    event: RATE_RULES.has(refusal.rule) ? 'excess_rate_limit_exceeded' : 'policy_decision',
    outcome: 'refused',
    reasonCode: refusal.rule,
    detail: refusal.field ? `${refusal.field}: ${refusal.message}` : refusal.message,
    data: { rule: refusal.rule, ...(refusal.field ? { field: refusal.field } : {}), ...(refusal.data ?? {}) },
  });
}

/**
 * Records that the policy allowed a request, with what it will ask of the result. Now or never: when it
 * cannot be written the request does not go ahead (the audit gate's refusal, or "nothing was sent").
 */
export function recordAllowed(log: RequestLog, subject: DecisionSubject, facts: Record<string, unknown>): void {
  try {
    log.decide({ ...base(subject), event: 'policy_decision', outcome: 'allowed', reasonCode: 'allowed', data: facts });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('audit_unavailable', 'The request log could not be written, so nothing was sent. Check that the disk is not full or read-only, then try again.');
  }
}
