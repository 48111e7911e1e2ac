/**
 * What the policy makes of a verification's outcome. An approval carries an assurance level; below the level
 * the policy asks for this account it is `insufficient` (never a plain APPROVED) and says what more is needed.
 * An approval that counts yields a verification token; a fraud report or repeated denials lock the account.
 */
import type { VerificationMode } from '../../../contract/domain.js';
import type { AssuranceView } from '../../../contract/policy/view.js';
import { approvedNextSteps } from '../../providers/shared/outcomes.js';
import { basisWords, meets, singleLevel } from '../policy/assurance.js';
import type { PolicyServices } from '../policy/index.js';
import { durationWords } from '../policy/refusal.js';
import type { Live } from './live.js';
import type { FinalOutcome } from './transitions.js';

export interface Judgement {
  outcome: FinalOutcome;
  assurance: AssuranceView | null;
}

export interface OutcomePolicy {
  /** The result the agent sees for a provider outcome. */
  judge(live: Live, outcome: FinalOutcome): Judgement;
  /** After the outcome entry is written: the token of an approval that counts, or a lock after fraud or denials. */
  after(live: Live, recorded: boolean): void;
  /** Modes a second method may use after `live`'s approval, and until when (null: none). */
  secondMethod(live: Live): { modes: VerificationMode[]; until: number } | null;
}

const upper = (level: string): string => level.toUpperCase();

/** The method an approval actually used: a push that turned into a code check is a code. */
export const methodUsed = (live: Live): VerificationMode => (live.codeChecked ? 'otp' : live.view.mode);

export function createOutcomePolicy(policy: PolicyServices, now: () => number): OutcomePolicy {
  const window = policy.policy.secondMethodWindowMs;
  const secondMethod = (live: Live) => {
    if (!live.view.endedAt || live.secondMethodUsed || live.base) return null;
    const until = Date.parse(live.view.endedAt) + window;
    const modes = live.modes.filter((m) => m !== methodUsed(live));
    return modes.length > 0 && now() <= until ? { modes, until } : null;
  };
  const needsWords = (live: Live, level: string, required: string, privileged: AssuranceView['privileged']): string => {
    const why =
      privileged === 'listed'
        ? 'it is on your organisation’s list of privileged accounts'
        : privileged === 'groups_unchecked'
          ? 'your organisation’s policy names privileged groups, which this provider cannot check'
          : 'your organisation’s policy asks it of every account';
    const options: string[] = [];
    const other = live.modes.filter((m) => m !== methodUsed(live));
    if (other.length > 0 && !live.base) {
      options.push(`verify the caller with a second method (${other.map((m) => (m === 'otp' ? 'code read-back' : 'a push')).join(' or ')}) within ${durationWords(window)}: the two approvals together count as HIGH`);
    }
    const via = policy.secondApprovalVia();
    if (via) options.push(via === 'sign-in' ? 'have a second operator sign in and approve it' : 'have a second operator approve it at your desk');
    const how = options.length > 0 ? `To complete it, ${options.join(', or ')}.` : 'Neither a second method nor a second operator’s approval is available here: verify the caller another way under your organisation’s process, or escalate.';
    return `This account needs ${upper(required)} assurance (${why}); this approval reached ${upper(level)}. ${how} Until then, do not proceed with the reset.`;
  };
  return {
    secondMethod,
    judge(live, outcome) {
      if (outcome.status !== 'approved' || !live.admission) return { outcome, assurance: null };
      const evidence = { codeChecked: live.codeChecked, bindingMessage: live.view.progress.bindingMessage !== null };
      let level = singleLevel(evidence);
      let basis = basisWords(evidence);
      let combinedWith: string | null = null;
      const base = live.base;
      if (base && base.view.assurance && base.view.endedAt && now() <= Date.parse(base.view.endedAt) + window) {
        // Why HIGH: two approvals of the same account and ticket, through two different methods, close together.
        level = 'high';
        basis = `two methods: ${base.view.assurance.basis}, then ${basis}`;
        combinedWith = base.view.id;
      }
      const { required, privilege } = live.admission;
      const met = meets(level, required);
      // The window for a second method starts now, when this approval ends.
      const others = !met && !live.base ? live.modes.filter((m) => m !== methodUsed(live)) : [];
      const until = others.length > 0 ? now() + window : null;
      const assurance: AssuranceView = {
        level,
        required,
        met,
        basis,
        privileged: privilege,
        needs: met ? null : needsWords(live, level, required, privilege),
        secondMethodUntil: until === null ? null : new Date(until).toISOString(),
        secondMethodModes: others,
        secondApproval: met ? null : policy.secondApprovalVia(),
        combinedWith,
        approvedBy: null,
      };
      if (met) return { outcome: { ...outcome, nextSteps: approvedNextSteps(live.view.ticket, live.view.subject, policy.policy.tokenLifetimeMs) }, assurance };
      return {
        assurance,
        outcome: {
          ...outcome,
          status: 'insufficient',
          code: 'assurance_below_required',
          title: 'The account holder approved, but this account needs more proof',
          message: `${outcome.message} That gives ${upper(level)} assurance, and this account needs ${upper(required)}: the result does not count yet.`,
          nextSteps: assurance.needs,
          detail: [outcome.detail, `provider result ${outcome.code}; assurance ${level}, required ${required}`].filter(Boolean).join('; '),
        },
      };
    },
    after(live, recorded) {
      const view = live.view;
      const profile = { id: view.profileId, displayName: view.profileName, kind: view.providerKind, sandbox: view.sandbox };
      if (view.status === 'approved' && view.assurance?.met) {
        // Why only once recorded: an approval the log does not hold yet must not be usable (transitions.landed
        // calls this again when it lands).
        if (!recorded || view.token) return;
        const token = policy.tokens.issue({ subject: live.subject, ticket: view.ticket, profile, verificationId: view.id, assurance: view.assurance.level });
        live.view = { ...view, token };
        return;
      }
      const lock = policy.locks.afterOutcome({ status: view.status, subject: live.subject, profile, ticket: view.ticket, verificationId: view.id, recorded });
      if (lock) {
        live.view = {
          ...view,
          nextSteps: `${view.nextSteps ?? ''} This account is now locked against further verifications from this app until an administrator clears the lock.`.trim(),
        };
      }
    },
  };
}
