/**
 * Push-bombing limits as pure rules: a lock after fraud or repeated denials, a cooldown after any
 * verification of an account, a hard cap per account per hour, a rate per operator, and limits on methods
 * lookups. The counts come from the audit trail (entries whose chain verified), so a restart or a deleted
 * row resets nothing.
 */
import type { VerificationMode } from '../../../contract/domain.js';
import type { EffectivePolicy } from './effective.js';
import { durationWords, type Refusal } from './refusal.js';

export interface TargetLock {
  at: number;
  reason: 'fraud_reported' | 'repeated_denials';
}

export interface StartActivity {
  /** The latest verification entry (request or outcome) of the account, or null. */
  lastAttemptAt: number | null;
  targetLastHour: number;
  operatorLastHour: number;
  lock: TargetLock | null;
}

export interface StartFacts {
  now: number;
  mode: VerificationMode;
  /** A second method following an approval of the same account (see verification/step-up.ts). */
  secondMethod: boolean;
  /** The account as the agent typed it, for the messages. */
  subject: string;
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** Why a lock stands, in words. */
export function lockWords(lock: TargetLock): string {
  const why = lock.reason === 'fraud_reported' ? 'the account holder reported a request as fraud' : 'the account holder denied repeated requests';
  return `is locked against verifications from this app since ${new Date(lock.at).toISOString().slice(0, 16).replace('T', ' ')} UTC, because ${why}. An administrator must clear the lock (Settings → Locked accounts) before anything more is sent. Do not proceed with the caller's request`;
}

/** The first limit a new verification breaks, or null. */
export function checkStartLimits(policy: EffectivePolicy, activity: StartActivity, facts: StartFacts): Refusal | null {
  const { limits } = policy;
  if (activity.lock) return { rule: 'target_locked', code: 'forbidden', field: 'subject', message: lockWords(activity.lock), data: { lockedAt: new Date(activity.lock.at).toISOString(), lockReason: activity.lock.reason } };
  // Why pushes only, and not a second method after an approval: a code read-back puts nothing on the phone to
  // approve, and is the "other method" the agent is told to use while a push may still be out.
  if (facts.mode === 'push' && !facts.secondMethod && limits.cooldownMs > 0 && activity.lastAttemptAt !== null) {
    const until = activity.lastAttemptAt + limits.cooldownMs;
    if (facts.now < until) {
      return {
        rule: 'cooldown',
        code: 'rate_limited',
        field: 'subject',
        message:
          `cannot get another push for ${durationWords(until - facts.now)} (until ${clock(until)} UTC): after every verification of an account ` +
          `the app waits ${durationWords(limits.cooldownMs)} before another push, so pushes never pile up on the phone. ` +
          'Use code read-back, or call the account holder back on a number you already have',
        data: { lastAttemptAt: new Date(activity.lastAttemptAt).toISOString(), until: new Date(until).toISOString(), cooldownSeconds: limits.cooldownMs / 1000 },
      };
    }
  }
  if (activity.targetLastHour >= limits.perTargetPerHour) {
    return {
      rule: 'target_hourly_cap',
      code: 'rate_limited',
      field: 'subject',
      message:
        `was already sent ${activity.targetLastHour} verifications in the last hour, the most this app allows (${limits.perTargetPerHour}). ` +
        'Wait before sending another: repeated pushes are how push-bombing works. Verify the caller another way',
      data: { count: activity.targetLastHour, cap: limits.perTargetPerHour },
    };
  }
  if (activity.operatorLastHour >= limits.perOperatorPerHour) {
    return {
      rule: 'operator_rate',
      code: 'rate_limited',
      field: null,
      message: `You started ${activity.operatorLastHour} verifications in the last hour, the most one operator may (${limits.perOperatorPerHour}). Wait a while, or ask a colleague or your administrator.`,
      data: { count: activity.operatorLastHour, cap: limits.perOperatorPerHour },
    };
  }
  return null;
}

/** The first lookup limit a methods lookup breaks, or null. */
export function checkLookupLimits(policy: EffectivePolicy, counts: { forTarget: number; byOperator: number }, subject: string): Refusal | null {
  const { limits } = policy;
  if (counts.byOperator >= limits.lookupsPerOperatorPerHour) {
    return {
      rule: 'lookup_operator_limit',
      code: 'rate_limited',
      field: null,
      message: `You looked up ${counts.byOperator} accounts’ methods in the last hour, the most one operator may (${limits.lookupsPerOperatorPerHour}). Wait a while before looking up more.`,
      data: { count: counts.byOperator, cap: limits.lookupsPerOperatorPerHour },
    };
  }
  if (counts.forTarget >= limits.lookupsPerTargetPerHour) {
    return {
      rule: 'lookup_target_limit',
      code: 'rate_limited',
      field: null,
      message: `The methods of ${subject} were looked up ${counts.forTarget} times in the last hour, the most this app allows (${limits.lookupsPerTargetPerHour}). Use the methods shown earlier, or wait.`,
      data: { count: counts.forTarget, cap: limits.lookupsPerTargetPerHour },
    };
  }
  return null;
}
