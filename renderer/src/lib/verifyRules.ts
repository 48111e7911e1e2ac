/**
 * Rules of the Verify screen, kept out of components: which modes are offered, what still blocks sending,
 * and which of two copies of a verification is the current one.
 */
import type { AuthMethodView, VerificationMode, VerificationView } from '../../../contract/domain';
import type { Capabilities } from '../../../contract/providers/types';
import { isLive } from './status';

export interface VerifyForm {
  /** The account as the agent types it. */
  subject: string;
  reason: string;
  ticket: string;
  /** The agent's explicit choice; null means "use the default for the registered methods". */
  mode: VerificationMode | null;
}

export const emptyForm: VerifyForm = { subject: '', reason: '', ticket: '', mode: null };

export type ModeAvailability = Record<VerificationMode, boolean>;

/**
 * Modes the registered methods support: push needs a push method (the caller approves in the app), code
 * read-back needs an OTP method (app code or text message). Phone-call methods serve neither. Before the
 * methods are checked, both are offered and main decides.
 */
export function modeAvailability(methods: readonly AuthMethodView[] | null, capabilities: Capabilities | null = null): ModeAvailability {
  const can = { push: capabilities?.push ?? true, otp: capabilities?.code ?? true };
  if (!methods) return can;
  return { push: can.push && methods.some((m) => m.kind === 'push'), otp: can.otp && methods.some((m) => m.kind === 'otp') };
}

/** The mode that will be sent: the agent's choice when allowed, else push when possible, else code. */
export function effectiveMode(chosen: VerificationMode | null, available: ModeAvailability): VerificationMode {
  if (chosen && available[chosen]) return chosen;
  if (available.push) return 'push';
  if (available.otp) return 'otp';
  return chosen ?? 'push';
}

export const REASON_MIN = 3;

/** What still prevents sending, in words for the agent; null when the form is complete. */
export function sendBlocker(form: VerifyForm, profileSelected: boolean, available: ModeAvailability): string | null {
  const missing: string[] = [];
  if (!profileSelected) missing.push('a profile');
  if (form.subject.trim() === '') missing.push('the target account');
  if (form.reason.trim() === '') missing.push('a reason');
  if (form.ticket.trim() === '') missing.push('a ticket reference');
  if (missing.length > 0) return `To send, enter ${joinWords(missing)}.`;
  if (form.reason.trim().length < REASON_MIN) return `The reason needs at least ${REASON_MIN} characters.`;
  if (!available.push && !available.otp) {
    return 'This account has no method for a push or a code read-back. Verify the caller another way.';
  }
  return null;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A code the caller reads back: 6 to 8 digits (as the contract validates). */
export function isCodeWellFormed(code: string): boolean {
  return /^[0-9]{6,8}$/.test(code.trim());
}

/**
 * Picks the copy to show when an update arrives. Later arrivals win, except that a live copy never replaces
 * a final one: a late "pending" must not resurrect a verification that already ended.
 */
export function newerView(current: VerificationView | null, incoming: VerificationView): VerificationView {
  if (!current || current.id !== incoming.id) return incoming;
  if (!isLive(current.status) && isLive(incoming.status)) return current;
  return incoming;
}
