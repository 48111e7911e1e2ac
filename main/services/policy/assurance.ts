/**
 * Assurance levels of a result. LOW: a bare approve/deny push (the Entra connector's push shows the account
 * holder no number and no context). MEDIUM: a code the caller read back, or a push with a binding code the
 * caller had to find on the phone. HIGH: two independent methods (NIST SP 800-63B-4 asks for two for recovery
 * at AAL2) or a second operator's approval on top of an approval.
 */
import type { AssuranceLevel } from '../../../contract/policy/fields.js';
import type { EffectivePolicy } from './effective.js';
import type { PrivilegeReason } from './privileged.js';

const rank: Record<AssuranceLevel, number> = { low: 1, medium: 2, high: 3 };

/** True when `level` is at least `required`. */
export const meets = (level: AssuranceLevel, required: AssuranceLevel): boolean => rank[level] >= rank[required];

/** The higher of two levels. */
export const higher = (a: AssuranceLevel, b: AssuranceLevel): AssuranceLevel => (rank[a] >= rank[b] ? a : b);

export interface Evidence {
  /** The approval came from a code the caller read back and the provider checked. */
  codeChecked: boolean;
  /** The push carried a binding code the agent read out and the phone showed. */
  bindingMessage: boolean;
}

/** The level one approval reaches by itself. */
export function singleLevel(evidence: Evidence): AssuranceLevel {
  return evidence.codeChecked || evidence.bindingMessage ? 'medium' : 'low';
}

/** How the level was reached, in words for the agent. */
export function basisWords(evidence: Evidence): string {
  if (evidence.codeChecked) return 'a code the caller read back';
  if (evidence.bindingMessage) return 'a push showing a code the caller had to match';
  return 'a push the account holder approved (no number, no context)';
}

/** The level a result for this account needs before it counts. */
export function requiredLevel(policy: EffectivePolicy, privilege: PrivilegeReason | null): AssuranceLevel {
  return privilege ? higher(policy.minimumAssurance, policy.privileged.minimumAssurance) : policy.minimumAssurance;
}
