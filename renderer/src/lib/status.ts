/**
 * How each verification status is presented. One table for the Verify screen and the audit log, so the
 * same outcome always looks the same. Why: the agent acts on this; only `approved` may ever look like success.
 */
import type { VerificationStatus } from '../../../contract/domain';
import { lookUp } from './requestRules';

/** Visual families. `approved` is the only green one and is used for exactly one status. */
export type Tone = 'approved' | 'live' | 'danger' | 'fraud' | 'warning' | 'neutral' | 'error';

export type IconName = 'check' | 'cross' | 'alert' | 'shield' | 'clock' | 'lock' | 'ban' | 'waiting' | 'keypad' | 'dot';

export interface StatusPresentation {
  /** The one unmistakable word, shown large. */
  word: string;
  tone: Tone;
  icon: IconName;
}

const presentations: Record<VerificationStatus, StatusPresentation> = {
  pending: { word: 'WAITING FOR ANSWER', tone: 'live', icon: 'waiting' },
  awaiting_code: { word: 'WAITING FOR CODE', tone: 'live', icon: 'keypad' },
  approved: { word: 'APPROVED', tone: 'approved', icon: 'check' },
  // Approved by the account holder, but below the level this account needs: never green, never a check mark.
  insufficient: { word: 'MORE PROOF NEEDED', tone: 'warning', icon: 'alert' },
  denied: { word: 'DENIED', tone: 'danger', icon: 'cross' },
  fraud: { word: 'FRAUD REPORTED', tone: 'fraud', icon: 'shield' },
  timeout: { word: 'TIMED OUT', tone: 'warning', icon: 'clock' },
  locked_out: { word: 'LOCKED OUT', tone: 'danger', icon: 'lock' },
  cancelled: { word: 'CANCELLED', tone: 'neutral', icon: 'ban' },
  error: { word: 'ERROR', tone: 'error', icon: 'alert' },
};

/**
 * Presentation of a verification as a whole: a result the audit log does not hold yet is never shown as a
 * plain result (an approval especially): it reads NOT RECORDED YET, in the warning tone, with no check mark.
 */
export function presentView(view: { status: VerificationStatus; recorded: boolean }): StatusPresentation {
  if (view.recorded || isLive(view.status)) return presentStatus(view.status);
  return { word: `${presentStatus(view.status).word} — NOT RECORDED YET`, tone: 'warning', icon: 'alert' };
}

/** Statuses during which the verification is still running (mirrors contract `liveStatuses`). */
const live: ReadonlySet<VerificationStatus> = new Set<VerificationStatus>(['pending', 'awaiting_code']);

export function isLive(status: VerificationStatus): boolean {
  return live.has(status);
}

/** Presentation of a status; unknown values (a newer main) fall back to ERROR, never to success. */
export function presentStatus(status: VerificationStatus | string): StatusPresentation {
  return lookUp(presentations, status, 'error');
}

/**
 * Presentation of an audit `outcome` (free text in the contract). Verification statuses map to their own
 * presentation; anything else is neutral. Green stays reserved for the exact string `approved`.
 */
export function presentOutcome(outcome: string): StatusPresentation {
  const key = outcome.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(presentations, key)) {
    const known = presentations[key as VerificationStatus];
    return { ...known, word: known.word.toLowerCase() };
  }
  if (['failed', 'failure', 'rejected', 'blocked', 'rate_limited', 'refused'].includes(key)) {
    return { word: outcome, tone: 'error', icon: 'alert' };
  }
  // A lock after fraud or repeated denials stands out in the log.
  if (key === 'locked') return { word: outcome, tone: 'fraud', icon: 'lock' };
  return { word: outcome, tone: 'neutral', icon: 'dot' };
}
