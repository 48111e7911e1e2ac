/**
 * The policy engine: applies the effective policy before anything reaches a provider, and records each
 * decision. Pure rules live beside it (required-fields, limits, privileged, assurance); this file gathers the
 * facts they need from the audit trail's indexes and turns a refusal into an audit entry and an AppError.
 */
import type { AssuranceLevel } from '../../../contract/policy/fields.js';
import type { VerificationMode } from '../../../contract/domain.js';
import type { LimitIndex } from '../audit/limit-index.js';
import type { RequestLog } from '../db/request-log.js';
import { requiredLevel } from './assurance.js';
import { recordAllowed, recordRefusal, type DecisionSubject } from './decisions.js';
import type { EffectivePolicy } from './effective.js';
import type { PolicyLedger } from './ledger.js';
import { checkLookupLimits, checkStartLimits, type TargetLock } from './limits.js';
import { privilegeOf, type PrivilegeReason } from './privileged.js';
import { refusalError, type Refusal } from './refusal.js';
import { checkRequiredFields, listedReason } from './required-fields.js';

const HOUR = 3600_000;

export interface ProfileFacts {
  id: string;
  displayName: string;
  kind: string;
  sandbox: boolean;
  endpointHost: string | null;
}

export interface StartFacts {
  profile: ProfileFacts;
  subject: { raw: string; canonical: string };
  mode: VerificationMode;
  reasonType?: string | undefined;
  reason: string;
  ticket: string;
  operator: string;
  /** A second method following an approval of the same account and ticket. */
  secondMethodOf: string | null;
}

/** What the policy allowed, and what the result will have to reach. */
export interface Admission {
  required: AssuranceLevel;
  privilege: PrivilegeReason | null;
  /** The request type as the policy lists it, or null. */
  reasonType: string | null;
}

export interface PolicyEngineDeps {
  policy: EffectivePolicy;
  log: RequestLog;
  limits: LimitIndex;
  ledger: PolicyLedger;
  now: () => number;
  /** A lock another process on this data folder recorded after this one started (fail closed), or null. */
  recentLock?: (targetCanonical: string) => TargetLock | null;
}

export interface PolicyEngine {
  readonly policy: EffectivePolicy;
  /** Allows a verification (recorded) or throws the refusal (recorded). */
  admitStart(facts: StartFacts): Admission;
  /** Allows a methods lookup or throws the refusal (recorded); an allowed lookup is recorded by its own entry. */
  admitLookup(facts: { profile: ProfileFacts; subject: { raw: string; canonical: string }; operator: string }): void;
  /**
   * Allows an authenticator enrollment (recorded) or throws the refusal (recorded): the profile, the ticket's
   * format, and a lock on the account (a locked account gets no new authenticator either).
   */
  admitEnrollment(facts: { profile: ProfileFacts; subject: { raw: string; canonical: string }; reason: string; ticket: string }): void;
  /** Whether the profile may be used at all, or the refusal. */
  profileRefusal(profile: ProfileFacts): Refusal | null;
  /**
   * Refuses (recorded) any use of a real provider (a connection test, a finance approval) on an installation
   * without a managed policy; the sandbox's simulated providers always pass.
   */
  admitRealUse(subject: DecisionSubject, sandbox: boolean): void;
  /** The lock on an account, if any. */
  lockOf(targetCanonical: string): TargetLock | null;
  /** What a result for this account must reach. */
  required(targetCanonical: string): { level: AssuranceLevel; privilege: PrivilegeReason | null };
  /** Records `refusal` about `subject` and throws it. */
  refuse(subject: DecisionSubject, refusal: Refusal): never;
}

const subjectOf = (facts: StartFacts, action: string): DecisionSubject => ({
  action,
  target: facts.subject.raw,
  targetCanonical: facts.subject.canonical,
  profileId: facts.profile.id,
  profileName: facts.profile.displayName,
  provider: facts.profile.kind,
  endpointHost: facts.profile.endpointHost,
  method: facts.mode,
  reason: facts.reason,
  ticket: facts.ticket,
  sandbox: facts.profile.sandbox,
  ...(facts.reasonType ? { refs: { requestType: facts.reasonType } } : {}),
});

/**
 * Why a real provider needs a managed policy: without one nobody has said who may do what here, so the OS account
 * has every role only for the sandbox's simulated providers (issue 13: "all roles only when the managed policy
 * says so, or in the sandbox"). An installation IT forgot to configure cannot push real people.
 */
const UNMANAGED: Refusal = {
  rule: 'unmanaged',
  code: 'forbidden',
  field: 'profile',
  message:
    'is a real identity provider, and this computer has no managed policy saying who may use one. Ask your administrator to deploy it; until then only the sandbox’s simulated providers work',
};

export function createPolicyEngine(deps: PolicyEngineDeps): PolicyEngine {
  const { policy } = deps;
  const refuse = (subject: DecisionSubject, refusal: Refusal): never => {
    recordRefusal(deps.log, subject, refusal);
    throw refusalError(refusal);
  };
  const lockOf = (canonical: string): TargetLock | null => deps.ledger.lock(canonical) ?? deps.recentLock?.(canonical) ?? null;
  const profileRefusal = (profile: ProfileFacts): Refusal | null => {
    // The sandbox is governed by its own section (whether it is offered), not by the lists of real providers.
    if (profile.sandbox) return null;
    if (!policy.managed) return UNMANAGED;
    const { allowed, profiles } = policy.providers;
    if (allowed && !allowed.includes(profile.kind)) {
      return { rule: 'provider_not_allowed', code: 'forbidden', field: 'profile', message: `uses a provider your organisation’s policy does not allow here (allowed: ${allowed.join(', ')}). Choose another profile` };
    }
    const named = (name: string): boolean => name.toLowerCase() === profile.displayName.toLowerCase() || name === profile.id;
    if (profiles && !profiles.some(named)) {
      return { rule: 'profile_not_allowed', code: 'forbidden', field: 'profile', message: 'is not one your organisation’s policy allows for verifications. Choose another profile' };
    }
    return null;
  };
  const required = (canonical: string) => {
    const privilege = privilegeOf(policy, canonical);
    return { level: requiredLevel(policy, privilege), privilege };
  };

  return {
    policy,
    refuse,
    lockOf,
    profileRefusal,
    required,
    admitStart(facts) {
      const subject = subjectOf(facts, 'policy.verify');
      const now = deps.now();
      const refusal =
        profileRefusal(facts.profile) ??
        checkRequiredFields(policy, facts) ??
        checkStartLimits(
          policy,
          {
            lastAttemptAt: deps.limits.lastActivity(facts.subject.canonical),
            targetLastHour: deps.limits.count(facts.subject.canonical, facts.operator, now - HOUR).forTarget,
            operatorLastHour: deps.limits.count(facts.subject.canonical, facts.operator, now - HOUR).byOperator,
            lock: lockOf(facts.subject.canonical),
          },
          { now, mode: facts.mode, secondMethod: facts.secondMethodOf !== null, subject: facts.subject.raw },
        );
      if (refusal) refuse(subject, refusal);
      const need = required(facts.subject.canonical);
      const reasonType = facts.reasonType ? listedReason(policy, facts.reasonType) : null;
      recordAllowed(deps.log, subject, {
        requiredAssurance: need.level,
        privileged: need.privilege,
        ...(facts.secondMethodOf ? { secondMethodOf: facts.secondMethodOf } : {}),
      });
      return { required: need.level, privilege: need.privilege, reasonType };
    },
    admitRealUse(subject, sandbox) {
      if (!sandbox && !policy.managed) refuse(subject, UNMANAGED);
    },
    admitEnrollment(facts) {
      const subject: DecisionSubject = {
        action: 'policy.enroll',
        target: facts.subject.raw,
        targetCanonical: facts.subject.canonical,
        profileId: facts.profile.id,
        profileName: facts.profile.displayName,
        provider: facts.profile.kind,
        endpointHost: facts.profile.endpointHost,
        reason: facts.reason,
        ticket: facts.ticket,
        sandbox: facts.profile.sandbox,
      };
      const lock = lockOf(facts.subject.canonical);
      // Why no request type here: the policy's list names what a caller asks for at verification.
      const refusal =
        profileRefusal(facts.profile) ??
        checkRequiredFields({ ...policy, reasons: [] }, { reason: facts.reason, ticket: facts.ticket }) ??
        (lock ? checkStartLimits(policy, { lastAttemptAt: null, targetLastHour: 0, operatorLastHour: 0, lock }, { now: deps.now(), mode: 'otp', secondMethod: false, subject: facts.subject.raw }) : null);
      if (refusal) refuse(subject, refusal);
      recordAllowed(deps.log, subject, {});
    },
    admitLookup(facts) {
      const subject: DecisionSubject = {
        action: 'policy.lookup',
        target: facts.subject.raw,
        targetCanonical: facts.subject.canonical,
        profileId: facts.profile.id,
        profileName: facts.profile.displayName,
        provider: facts.profile.kind,
        endpointHost: facts.profile.endpointHost,
        sandbox: facts.profile.sandbox,
      };
      const counts = deps.limits.lookups(facts.subject.canonical, facts.operator, deps.now() - HOUR);
      const refusal = profileRefusal(facts.profile) ?? checkLookupLimits(policy, counts, facts.subject.raw);
      if (refusal) refuse(subject, refusal);
      recordAllowed(deps.log, subject, { lookupsLastHour: counts.byOperator, lookupsOfTargetLastHour: counts.forTarget });
    },
  };
}
