/**
 * The policy in force: the app's defaults, with whatever the managed policy sets on top. Pure data; every
 * rule the engine applies reads it from here, so a test states a policy the same way an administrator does.
 */
import type { ManagedPolicy } from '../../../contract/policy/index.js';
import type { AssuranceLevel } from '../../../contract/policy/fields.js';
import type { ForwardDestination } from '../../../contract/audit.js';

export interface EffectivePolicy {
  /** True when a managed policy file is in force; without one only the sandbox's simulated providers are used. */
  managed: boolean;
  reasons: readonly string[];
  reasonDetailsMin: number;
  /** Ticket templates (contract/policy/ticket-format.ts); empty: any reference of the allowed characters. */
  ticketFormats: readonly string[];
  minimumAssurance: AssuranceLevel;
  privileged: { targets: readonly string[]; groups: readonly string[]; minimumAssurance: AssuranceLevel };
  tokenLifetimeMs: number;
  secondMethodWindowMs: number;
  secondApproval: 'sign-in' | 'attested' | 'off';
  approvers: readonly string[];
  limits: {
    cooldownMs: number;
    perTargetPerHour: number;
    perOperatorPerHour: number;
    lookupsPerOperatorPerHour: number;
    lookupsPerTargetPerHour: number;
    pendingMs: number;
    codeEntryMs: number;
    lockAfterDenials: number;
    denialWindowMs: number;
  };
  providers: { allowed: readonly string[] | null; profiles: readonly string[] | null; userProfiles: boolean };
  audit: { retentionDays: number | null | undefined; forwarding: readonly ForwardDestination[]; userDestinations: boolean };
  sandbox: { offered: boolean | undefined };
}

/** Request types offered when the policy names none: what helpdesks verify callers for. */
export const DEFAULT_REASONS = [
  'Password reset',
  'MFA method reset or new phone',
  'Account unlock',
  'Access or permission change',
  'Other (say why below)',
] as const;

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** The app's own defaults (no managed policy). */
export const defaultPolicy: EffectivePolicy = {
  managed: false,
  reasons: DEFAULT_REASONS,
  reasonDetailsMin: 3,
  ticketFormats: [],
  minimumAssurance: 'low',
  privileged: { targets: [], groups: [], minimumAssurance: 'high' },
  tokenLifetimeMs: 60 * SECOND,
  secondMethodWindowMs: 300 * SECOND,
  secondApproval: 'sign-in',
  approvers: [],
  limits: {
    // Why two minutes: longer than a push stays on the phone (60 s), so a second push never lands beside the first.
    cooldownMs: 120 * SECOND,
    perTargetPerHour: 3,
    perOperatorPerHour: 30,
    lookupsPerOperatorPerHour: 60,
    lookupsPerTargetPerHour: 10,
    pendingMs: 90 * SECOND,
    codeEntryMs: 300 * SECOND,
    lockAfterDenials: 2,
    denialWindowMs: 24 * HOUR,
  },
  providers: { allowed: null, profiles: null, userProfiles: true },
  audit: { retentionDays: undefined, forwarding: [], userDestinations: true },
  sandbox: { offered: undefined },
};

/** Defaults with the managed policy's values on top (absent values keep the default). */
export function effectivePolicy(managed: ManagedPolicy | null): EffectivePolicy {
  if (!managed) return defaultPolicy;
  const v = managed.verification ?? {};
  const l = managed.limits ?? {};
  const d = defaultPolicy;
  const seconds = (value: number | undefined, fallback: number): number => (value === undefined ? fallback : value * SECOND);
  return {
    managed: true,
    reasons: v.reasons ?? d.reasons,
    reasonDetailsMin: v.reasonDetailsMin ?? d.reasonDetailsMin,
    ticketFormats: v.ticketFormats ?? d.ticketFormats,
    minimumAssurance: v.minimumAssurance ?? d.minimumAssurance,
    privileged: {
      targets: v.privileged?.targets ?? d.privileged.targets,
      groups: v.privileged?.groups ?? d.privileged.groups,
      minimumAssurance: v.privileged?.minimumAssurance ?? d.privileged.minimumAssurance,
    },
    tokenLifetimeMs: seconds(v.tokenLifetimeSeconds, d.tokenLifetimeMs),
    secondMethodWindowMs: seconds(v.secondMethodWindowSeconds, d.secondMethodWindowMs),
    secondApproval: v.secondApproval ?? d.secondApproval,
    approvers: v.approvers ?? d.approvers,
    limits: {
      cooldownMs: seconds(l.cooldownSeconds, d.limits.cooldownMs),
      perTargetPerHour: l.perTargetPerHour ?? d.limits.perTargetPerHour,
      perOperatorPerHour: l.perOperatorPerHour ?? d.limits.perOperatorPerHour,
      lookupsPerOperatorPerHour: l.lookupsPerOperatorPerHour ?? d.limits.lookupsPerOperatorPerHour,
      lookupsPerTargetPerHour: l.lookupsPerTargetPerHour ?? d.limits.lookupsPerTargetPerHour,
      pendingMs: seconds(l.pendingSeconds, d.limits.pendingMs),
      codeEntryMs: seconds(l.codeEntrySeconds, d.limits.codeEntryMs),
      lockAfterDenials: l.lockAfterDenials ?? d.limits.lockAfterDenials,
      denialWindowMs: l.denialWindowHours === undefined ? d.limits.denialWindowMs : l.denialWindowHours * HOUR,
    },
    providers: {
      allowed: managed.providers?.allowed ?? null,
      profiles: managed.providers?.profiles ?? null,
      userProfiles: managed.providers?.userProfiles ?? true,
    },
    audit: {
      retentionDays: managed.audit?.retentionDays,
      forwarding: (managed.audit?.forwarding ?? []) as ForwardDestination[],
      userDestinations: managed.audit?.userDestinations ?? true,
    },
    sandbox: { offered: managed.sandbox?.offered },
  };
}
