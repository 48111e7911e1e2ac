/**
 * Two independent methods: a verification may name an earlier approval of the same account and ticket as the
 * one it completes. It must use the other method (a push after a code read-back, or a code after a push),
 * follow within the policy's window, and each approval completes only once. Both approvals together count as
 * HIGH (outcome-policy.ts). What this proves: the caller passed two separate checks by the identity provider;
 * both may still reach the same phone, which the README says plainly.
 */
import type { VerificationMode } from '../../../contract/domain.js';
import type { Refusal } from '../policy/refusal.js';
import type { Live } from './live.js';
import { methodUsed } from './outcome-policy.js';

const refuse = (message: string, data: Record<string, unknown> = {}): Refusal => ({ rule: 'second_method', code: 'conflict', field: null, message, data });

/** Why `base` cannot be completed by a new verification, or null when it can. */
export function secondMethodRefusal(
  base: Live,
  next: { profileId: string; canonical: string; ticket: string; mode: VerificationMode },
  now: number,
  windowMs: number,
): Refusal | null {
  const view = base.view;
  if (view.status !== 'approved' && view.status !== 'insufficient') return refuse('A second method can only follow an approval. Start a new verification instead.');
  if (base.base) return refuse('This approval already combines two methods; it cannot be completed again.');
  if (base.secondMethodUsed) return refuse('A second method was already sent for this approval. Start a new verification if the caller is still on the line.');
  if (view.profileId !== next.profileId || base.subject.canonical !== next.canonical) {
    return refuse('A second method must verify the same account, through the same profile, as the approval it completes.');
  }
  if (view.ticket.trim().toLowerCase() !== next.ticket.trim().toLowerCase()) return refuse(`A second method must be for the same ticket (${view.ticket}).`);
  if (next.mode === methodUsed(base)) {
    return refuse(`A second method must be a different one: the approval used ${next.mode === 'push' ? 'a push' : 'a code read-back'}.`);
  }
  const ended = view.endedAt ? Date.parse(view.endedAt) : now;
  if (now > ended + windowMs) {
    return refuse(`The second method had to follow within ${Math.round(windowMs / 60_000)} minutes of the approval, and that time has passed. Start a new verification.`, {
      approvedAt: view.endedAt,
    });
  }
  return null;
}
