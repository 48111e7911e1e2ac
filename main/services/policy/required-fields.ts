/**
 * Required fields of a verification: a request type from the policy's list, free text of the policy's length,
 * and a ticket reference in one of the policy's formats. Pure; each refusal names its field in words for
 * the agent ("field: fragment", the contract's convention) and the rule for the audit entry.
 */
import { describeTicketFormat, exampleTicket, matchesTicketFormat } from '../../../contract/policy/ticket-format.js';
import type { EffectivePolicy } from './effective.js';
import type { Refusal } from './refusal.js';

/** The ticket characters every installation accepts (as contract/ipc.ts did before formats existed). */
const TICKET_CHARACTERS = /^[\w./#:-]+$/;

export interface ReasonInput {
  reasonType?: string | undefined;
  reason: string;
  ticket: string;
}

/** The request type as listed in the policy (its exact words), or null when it is not one of them. */
export function listedReason(policy: EffectivePolicy, reasonType: string): string | null {
  const wanted = reasonType.trim().toLowerCase();
  return policy.reasons.find((r) => r.toLowerCase() === wanted) ?? null;
}

/** How the ticket rule reads to the agent: "INC followed by 7 digits (for example INC1234567)". */
export function ticketRuleText(policy: EffectivePolicy): string | null {
  if (policy.ticketFormats.length === 0) return null;
  return policy.ticketFormats.map((t) => `${describeTicketFormat(t)} (for example ${exampleTicket(t)})`).join(', or ');
}

/** The first required-field rule `input` breaks, or null. */
export function checkRequiredFields(policy: EffectivePolicy, input: ReasonInput): Refusal | null {
  const refuse = (rule: Refusal['rule'], field: Refusal['field'], message: string): Refusal => ({ rule, code: 'bad_request', field, message });
  const type = input.reasonType?.trim() ?? '';
  if (policy.reasons.length > 0) {
    if (type === '') return refuse('reason_missing', 'reasonType', 'is required: choose what the caller is asking for');
    if (!listedReason(policy, type)) return refuse('reason_unlisted', 'reasonType', `must be one of the listed request types (${policy.reasons.join('; ')})`);
  }
  const text = input.reason.trim();
  if (policy.reasonDetailsMin > 0 && text === '') return refuse('reason_missing', 'reason', 'is required: say why the caller needs this');
  if (text.length < policy.reasonDetailsMin) {
    return refuse('reason_too_short', 'reason', `needs at least ${policy.reasonDetailsMin} characters`);
  }
  const ticket = input.ticket.trim();
  if (ticket === '') return refuse('ticket_missing', 'ticket', 'is required');
  if (!TICKET_CHARACTERS.test(ticket)) return refuse('ticket_format', 'ticket', 'may contain only letters, digits and . / # : - _ (no spaces)');
  if (policy.ticketFormats.length > 0 && !policy.ticketFormats.some((t) => matchesTicketFormat(t, ticket))) {
    return refuse('ticket_format', 'ticket', `must be ${ticketRuleText(policy)}`);
  }
  return null;
}

/** The reason as recorded: "Password reset: caller locked out after leave" (the type alone when no text). */
export function recordedReason(policy: EffectivePolicy, input: ReasonInput): string {
  const type = input.reasonType ? (listedReason(policy, input.reasonType) ?? input.reasonType.trim()) : '';
  const text = input.reason.trim();
  return type && text ? `${type}: ${text}` : type || text;
}
