/** The policy in force as the renderer and the CLI see it (contract/policy/view.ts). */
import type { ManagedPolicy } from '../../../contract/policy/index.js';
import { describeTicketFormat, exampleTicket } from '../../../contract/policy/ticket-format.js';
import type { ManagedSetting, PolicyView } from '../../../contract/policy/view.js';
import type { EffectivePolicy } from './effective.js';

/** Settings the managed policy fixes, which Settings shows as managed and main refuses to change. */
export function managedSettings(managed: ManagedPolicy | null): ManagedSetting[] {
  if (!managed) return [];
  const out: ManagedSetting[] = [];
  if (managed.sandbox?.offered !== undefined) out.push('sandbox');
  if (managed.audit?.retentionDays !== undefined) out.push('audit.retention');
  if (managed.audit?.forwarding !== undefined || managed.audit?.userDestinations === false) out.push('audit.forwarding');
  if (managed.providers?.userProfiles === false) out.push('profiles');
  return out;
}

export function policyView(
  policy: EffectivePolicy,
  managed: ManagedPolicy | null,
  where: { source: string | null; location: string },
  secondApproval: 'sign-in' | 'attested' | null,
): PolicyView {
  const seconds = (ms: number): number => Math.round(ms / 1000);
  return {
    source: where.source,
    location: where.location,
    managed: managedSettings(managed),
    reasons: [...policy.reasons],
    reasonDetailsMin: policy.reasonDetailsMin,
    ticketFormats: policy.ticketFormats.map((template) => ({ template, words: describeTicketFormat(template), example: exampleTicket(template) })),
    limits: {
      cooldownSeconds: seconds(policy.limits.cooldownMs),
      perTargetPerHour: policy.limits.perTargetPerHour,
      perOperatorPerHour: policy.limits.perOperatorPerHour,
      lookupsPerOperatorPerHour: policy.limits.lookupsPerOperatorPerHour,
      lookupsPerTargetPerHour: policy.limits.lookupsPerTargetPerHour,
      pendingSeconds: seconds(policy.limits.pendingMs),
      lockAfterDenials: policy.limits.lockAfterDenials,
      denialWindowHours: Math.round(policy.limits.denialWindowMs / 3600_000),
    },
    assurance: {
      minimum: policy.minimumAssurance,
      privilegedMinimum: policy.privileged.minimumAssurance,
      privilegedEntries: policy.privileged.targets.length,
      privilegedGroups: policy.privileged.groups.length,
      secondMethodWindowSeconds: seconds(policy.secondMethodWindowMs),
      secondApproval,
    },
    tokenLifetimeSeconds: seconds(policy.tokenLifetimeMs),
    providers: {
      allowed: policy.providers.allowed ? [...policy.providers.allowed] : null,
      profiles: policy.providers.profiles ? [...policy.providers.profiles] : null,
      userProfiles: policy.providers.userProfiles,
    },
    userDestinations: policy.audit.userDestinations,
  };
}
