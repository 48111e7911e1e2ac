/**
 * What the renderer and the CLI learn about the policy in force, the assurance of a result, verification
 * tokens and locks. Types only.
 */
import type { VerificationMode } from '../domain.js';
import type { AssuranceLevel } from './fields.js';

export type { AssuranceLevel };

/** Settings a managed policy can fix; Settings shows them as managed and main refuses changes to them. */
export type ManagedSetting = 'sandbox' | 'audit.retention' | 'audit.forwarding' | 'profiles';

export interface PolicyView {
  /** The managed policy file in force, or null when none is deployed (the app's defaults apply). */
  source: string | null;
  /** Where this platform looks for a managed policy. */
  location: string;
  managed: ManagedSetting[];
  /** Request types the agent picks from (empty: the reason is free text only). */
  reasons: string[];
  reasonDetailsMin: number;
  /** Ticket formats in words, each with an example; empty: any reference of the allowed characters. */
  ticketFormats: { template: string; words: string; example: string }[];
  limits: {
    cooldownSeconds: number;
    perTargetPerHour: number;
    perOperatorPerHour: number;
    lookupsPerOperatorPerHour: number;
    lookupsPerTargetPerHour: number;
    pendingSeconds: number;
    lockAfterDenials: number;
    denialWindowHours: number;
  };
  assurance: {
    minimum: AssuranceLevel;
    privilegedMinimum: AssuranceLevel;
    /** How many accounts, domains and patterns the policy names (not the list itself). */
    privilegedEntries: number;
    /** Directory groups named; no provider here can check them, so every account is then privileged. */
    privilegedGroups: number;
    secondMethodWindowSeconds: number;
    /** How a second operator's approval is given here, or null when it is not available. */
    secondApproval: 'sign-in' | 'attested' | null;
  };
  tokenLifetimeSeconds: number;
  providers: { allowed: string[] | null; profiles: string[] | null; userProfiles: boolean };
  /** Whether people may add forwarding destinations of their own beside the managed ones. */
  userDestinations: boolean;
}

/** The assurance a result reached and what the policy asks for. */
export interface AssuranceView {
  level: AssuranceLevel;
  required: AssuranceLevel;
  /** The result counts: its level is at least the required one. */
  met: boolean;
  /** How the level was reached, in words. */
  basis: string;
  /** Why the account needs more than the minimum: on the privileged list, or groups that cannot be checked. */
  privileged: 'listed' | 'groups_unchecked' | null;
  /** What more is needed, in words, when not met. */
  needs: string | null;
  /** Until when a verification with another method combines with this approval (ISO), or null. */
  secondMethodUntil: string | null;
  /** The methods a second verification may use (the other ones this profile offers). */
  secondMethodModes: VerificationMode[];
  /** How a second operator may approve this result, or null when that is not available. */
  secondApproval: 'sign-in' | 'attested' | null;
  /** The approval this result combined with (two methods), or null. */
  combinedWith: string | null;
  /** The second operator who approved, or null. */
  approvedBy: { operator: string; via: 'sign-in' | 'attested' } | null;
}

/** A verification token on the agent's screen: the only place it ever is. */
export interface VerificationTokenView {
  value: string;
  expiresAt: string;
  lifetimeSeconds: number;
}

export type TokenCheckReason = 'valid' | 'unknown' | 'expired' | 'other_target' | 'other_ticket' | 'reused';

export interface TokenCheckView {
  valid: boolean;
  reason: TokenCheckReason;
  /** Exactly why, in plain words. */
  message: string;
  /** What the token was issued for (absent when unknown). */
  subject: string | null;
  ticket: string | null;
  operator: string | null;
  assurance: string | null;
  verifiedAt: string | null;
  expiresAt: string | null;
}

export interface LockView {
  /** The account as it was typed when it was locked, and as the provider canonicalised it. */
  target: string;
  targetCanonical: string;
  reason: 'fraud_reported' | 'repeated_denials';
  lockedAt: string;
  /** The audit entry that locked it. */
  seq: number;
}
