/**
 * Lock on fraud: a fraud report, or repeated denials within the policy's window, lock the account against
 * further verifications from this app until an administrator clears the lock. Both are audit entries of
 * their own type (target_locked, target_unlocked), so they stand out in the log and in a SIEM.
 */
import type { LockView } from '../../../contract/policy/view.js';
import type { LimitIndex } from '../audit/limit-index.js';
import type { RequestLog } from '../db/request-log.js';
import { AppError } from '../errors.js';
import type { EffectivePolicy } from './effective.js';
import { LOCK_EVENT, UNLOCK_EVENT, type PolicyLedger } from './ledger.js';
import type { TargetLock } from './limits.js';
import { hasRole, type OperatorContext } from './operator.js';

export interface OutcomeFacts {
  status: string;
  subject: { raw: string; canonical: string };
  profile: { id: string; displayName: string; kind: string; sandbox: boolean };
  ticket: string;
  verificationId: string;
  /** The outcome entry is in the trail already (so the index counts it). */
  recorded: boolean;
}

export interface LockService {
  /** Locks the account when the outcome calls for it; returns the new lock, or null. */
  afterOutcome(facts: OutcomeFacts): TargetLock | null;
  list(): LockView[];
  /** Clears a lock (administrators only); throws a forbidden or not_found AppError otherwise. */
  clear(targetCanonical: string, note: string, by: OperatorContext): LockView[];
}

export interface LockDeps {
  policy: EffectivePolicy;
  log: RequestLog;
  limits: LimitIndex;
  ledger: PolicyLedger;
  now: () => number;
  lockOf: (targetCanonical: string) => TargetLock | null;
}

export function createLockService(deps: LockDeps): LockService {
  const list = (): LockView[] =>
    deps.ledger
      .locks()
      .map((l) => ({ target: l.target, targetCanonical: l.targetCanonical, reason: l.lock.reason, lockedAt: new Date(l.lock.at).toISOString(), seq: l.seq }))
      .sort((a, b) => b.seq - a.seq);
  return {
    list,
    afterOutcome(facts) {
      if (facts.status !== 'fraud' && facts.status !== 'denied') return null;
      if (deps.lockOf(facts.subject.canonical)) return null;
      const { lockAfterDenials, denialWindowMs } = deps.policy.limits;
      const since = Math.max(deps.now() - denialWindowMs, deps.ledger.clearedAt(facts.subject.canonical) ?? 0);
      const denials = deps.limits.denials(facts.subject.canonical, since) + (facts.status === 'denied' && !facts.recorded ? 1 : 0);
      const reason = facts.status === 'fraud' ? 'fraud_reported' : denials >= lockAfterDenials ? 'repeated_denials' : null;
      if (!reason) return null;
      const why = reason === 'fraud_reported' ? 'The account holder reported a request as fraud.' : `The account holder denied ${denials} requests within ${Math.round(denialWindowMs / 3600_000)} hours.`;
      deps.log.append({
        event: LOCK_EVENT,
        action: 'target.lock',
        outcome: 'locked',
        reasonCode: reason,
        target: facts.subject.raw,
        targetCanonical: facts.subject.canonical,
        profileId: facts.profile.id,
        profileName: facts.profile.displayName,
        provider: facts.profile.kind,
        ticket: facts.ticket,
        sandbox: facts.profile.sandbox,
        refs: { verificationId: facts.verificationId },
        detail: `${why} No further verification of this account is sent from this app until an administrator clears the lock.`,
        data: { target: facts.subject.raw, targetCanonical: facts.subject.canonical, lockReason: reason, denials },
      });
      return { at: deps.now(), reason };
    },
    clear(targetCanonical, note, by) {
      const lock = deps.lockOf(targetCanonical);
      const known = deps.ledger.locks().find((l) => l.targetCanonical === targetCanonical);
      if (!hasRole(by, 'admin')) {
        deps.log.append({ event: 'authz_fail', action: 'target.unlock', outcome: 'refused', reasonCode: 'not_admin', target: known?.target ?? targetCanonical, targetCanonical, detail: 'Only an administrator may clear a lock.' });
        throw new AppError('forbidden', 'Only an administrator may clear a lock. Ask one to review the account and clear it.');
      }
      if (!lock) throw new AppError('not_found', 'That account is not locked (it may have been cleared already).');
      deps.log.append({
        event: UNLOCK_EVENT,
        action: 'target.unlock',
        outcome: 'unlocked',
        reasonCode: 'cleared_by_admin',
        target: known?.target ?? targetCanonical,
        targetCanonical,
        reason: note,
        detail: `The lock from ${new Date(lock.at).toISOString()} (${lock.reason === 'fraud_reported' ? 'fraud report' : 'repeated denials'}) was cleared by ${by.operator}.`,
        data: { target: known?.target ?? targetCanonical, targetCanonical, clearedBy: by.operator, via: by.via, ...(known ? { lockSeq: known.seq } : {}) },
      });
      return list();
    },
  };
}
